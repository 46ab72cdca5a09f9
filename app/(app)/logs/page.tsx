import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHead } from "@/components/page-head";

export const metadata = { title: "Logs" };

export default function LogsPage() {
  return (
    <>
      <PageHead title="Logs" subtitle="The output of one execution, or of every execution of one batch." />
      <EmptyState icon="≡" title="Choose what to read" action={<Link className="button secondary" href="/executions">Browse executions</Link>}>
        Logs are read from the cloud when you open them: pick an execution, or a job and a batch, and its lines appear here, one batch
        apart from another even when they share an image.
      </EmptyState>
    </>
  );
}
