import { getServerSession } from "next-auth";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/services/context";
import { authOptions } from "./options";

/**
 * The signed-in member, read from the database through the session on every request; null when signed
 * out. Once per request: the layout and the page both ask (a layout is not a guard), and React's `cache`
 * is scoped to one server request, so a second ask costs no second session and user lookup.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return { id: session.user.id, email: session.user.email, role: session.user.role };
});

/** For pages: the member, or a redirect to sign-in. */
export async function requireActor(callbackPath = "/"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return actor;
}
