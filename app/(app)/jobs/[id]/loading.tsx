import { PageHead } from "@/components/page-head";

/** Shown while the job page's one read runs (a Suspense boundary Next puts around the page). */
export default function Loading() {
  return (
    <div aria-busy="true">
      <PageHead title="Loading the job…" />
      <div className="card muted">Reading its triggers, deployments and runs.</div>
    </div>
  );
}
