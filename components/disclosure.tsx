"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A <details> whose content is rendered only once it is opened: a list of fifty jobs then sends fifty
 * summaries, not fifty run and redeploy forms nobody opened. A click that lands before hydration still
 * opens it (the native element toggles; the mount check sees it open).
 */
export function Disclosure({ summary, summaryClassName, className, children }: { summary: string; summaryClassName: string; className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (ref.current?.open) setOpen(true);
  }, []);
  return (
    <details ref={ref} className={className} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={summaryClassName}>{summary}</summary>
      {open ? children : null}
    </details>
  );
}
