import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { jobExists } from "@/lib/queries/job-page";

// Decides "no such job" above the page's loading.tsx: the loading state is a Suspense boundary, and once
// its fallback has streamed the response is committed to 200, so a notFound() from the page itself would
// no longer answer 404. This one cheap read runs first; the page's full read then streams in behind it.
export default async function JobLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/jobs/${encodeURIComponent(id)}`);
  if (!(await jobExists(actor, id))) notFound();
  return children;
}
