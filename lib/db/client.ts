import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { PrismaClient } from "./generated/client";

// Created on first use, not at import, so `next build` never opens a connection. Kept on globalThis so
// dev-server reloads reuse one pool.
const holder = globalThis as unknown as { batchdeckPrisma?: PrismaClient };

/**
 * Connections this process's Prisma pool may open (BATCHDECK_DB_POOL_MAX, default 10): each app server
 * and each worker has one such pool, so a managed Postgres's max_connections bounds it (docs/deploy.md).
 */
const poolMax = z.coerce.number().int().min(1).max(200).default(10);

export function db(): PrismaClient {
  if (!holder.batchdeckPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set; start Batchdeck with `npm start`, which provides it.");
    const max = poolMax.safeParse(process.env.BATCHDECK_DB_POOL_MAX || undefined);
    if (!max.success) throw new Error(`BATCHDECK_DB_POOL_MAX is "${process.env.BATCHDECK_DB_POOL_MAX}": set a whole number of connections from 1 to 200, or unset it for 10.`);
    holder.batchdeckPrisma = prismaFor(connectionString, max.data);
  }
  return holder.batchdeckPrisma;
}

/** A client of its own, for a tool that writes to a database other than this process's (its caller disconnects it). */
export function prismaFor(connectionString: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

export type { PrismaClient };
export * from "./generated/enums";
