import { SkeletonCard, SkeletonFilters, SkeletonLine, SkeletonPage, SkeletonTable } from "@/components/skeleton";

/** A job's page while it reads (the layout has already found it): summary, triggers, chart, deployments, history. */
export default function JobLoading() {
  return (
    <SkeletonPage title="Job">
      <div className="stack job-page">
        <section className="card stat-grid" aria-hidden="true">
          {["Image", "Success (30 d)", "Median duration (30 d)", "Runs (30 d)"].map((label) => (
            <div className={label === "Image" ? "stat stat-wide" : "stat"} key={label}><span className="muted">{label}</span><SkeletonLine width="70%" height={20} /></div>
          ))}
        </section>
        <div className="two-col">
          <SkeletonCard heading="Triggers" lines={4} />
          <section className="card" aria-hidden="true">
            <h2>Duration of the last runs</h2>
            <SkeletonLine height={220} />
          </section>
        </div>
        <SkeletonTable heading="Deployments" columns={["When", "Image", "By", "State"]} rows={2} />
        <section className="card stack" aria-hidden="true">
          <h2 style={{ margin: 0 }}>History</h2>
          <SkeletonFilters labels={["Batch", "Status", "Started"]} />
          <SkeletonTable columns={["Run", "Batch", "Status", "Started", "Duration", "Triggered by"]} rows={8} />
        </section>
      </div>
    </SkeletonPage>
  );
}
