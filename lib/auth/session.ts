import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/services/context";
import { authOptions } from "./options";

/** The signed-in member, read from the database through the session on every request; null when signed out. */
export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return { id: session.user.id, email: session.user.email, role: session.user.role };
}

/** For pages: the member, or a redirect to sign-in. */
export async function requireActor(callbackPath = "/"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return actor;
}
