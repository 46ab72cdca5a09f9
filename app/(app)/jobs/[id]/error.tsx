"use client";

import Link from "next/link";

/**
 * The job page failed to render (the database or a cloud read failed): say so and offer a retry. Next
 * sends a production error's message and stack to the server log only; the digest matches the two.
 */
export default function JobError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card stack" role="alert">
      <h1>This job could not be shown</h1>
      <p className="muted" style={{ margin: 0 }}>
        Batchdeck could not read it just now. Try again; if it keeps failing, the server log has the details{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <div className="row">
        <button className="button" type="button" onClick={reset}>Try again</button>
        <Link className="button secondary" href="/jobs">Back to jobs</Link>
      </div>
    </div>
  );
}
