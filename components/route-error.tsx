"use client";

import Link from "next/link";

export interface RouteErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/**
 * What a route's error.tsx shows when its page failed to render (the database or a cloud read failed):
 * what could not be shown, a retry, and a way out. Never the error's message or stack: Next keeps a
 * server error's details in the server log and sends only its digest, which we show as the reference.
 */
export function RouteError({ title, what, back, error, reset }: RouteErrorProps & { title: string; what: string; back: { href: string; label: string } }) {
  return (
    <div className="card stack" role="alert">
      <h1>{title}</h1>
      <p className="muted" style={{ margin: 0 }}>
        Batchdeck could not read {what} just now (most often the database or a cloud did not answer). Try again; if it keeps failing,
        the server log has the details{error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <div className="row">
        <button className="button" type="button" onClick={reset}>Try again</button>
        <Link className="button secondary" href={back.href}>{back.label}</Link>
      </div>
    </div>
  );
}
