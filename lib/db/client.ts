import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

// Created on first use, not at import, so `next build` never opens a connection. Kept on globalThis so
// dev-server reloads reuse one pool.
const holder = globalThis as unknown as { batchdeckPrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!holder.batchdeckPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set; start Batchdeck with `npm start`, which provides it.");
    holder.batchdeckPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
  }
  return holder.batchdeckPrisma;
}

export type { PrismaClient };
export * from "./generated/enums";
