import Link from "next/link";
import { CenteredCard } from "@/components/centered-card";

export const metadata = { title: "Page not found" };

// Next's built-in 404 page carries an inline <style> without the request's nonce, which the
// Content-Security-Policy (proxy.ts) blocks; this one uses the app's own stylesheet.
export default function NotFound() {
  return (
    <CenteredCard>
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address. It may have been mistyped, or the link is out of date.</p>
      <Link className="button" href="/jobs" style={{ textAlign: "center" }}>Go to jobs</Link>
    </CenteredCard>
  );
}
