import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";

export default async function Home() {
  // Every page checks the member itself (the layout's check can be skipped by Next); this one reads
  // nothing, but a stranger is sent to sign in rather than to a page that refuses them.
  await requireActor("/");
  redirect("/jobs");
}
