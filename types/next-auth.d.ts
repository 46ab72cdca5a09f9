import type { Role } from "@/lib/db/generated/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string | null; image: string | null; role: Role };
  }
}
