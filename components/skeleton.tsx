"use client";

import { PageHead } from "./page-head";

// What a route's loading.tsx shows while its page reads: the page's own frame (its title, its cards, its
// table headers) with grey bars where the data will be, so nothing jumps when it arrives. The bars use
// the palette's border shade, so they follow light and dark mode. A client module though nothing in it
// has state: its rows of bars then travel as two numbers rather than as elements (see
// components/filter-select.tsx on facebook/react#35125).

export function SkeletonLine({ width = "100%", height = 14 }: { width?: number | string; height?: number }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}

/** The page's head, then its body; announced once to a screen reader as loading. */
export function SkeletonPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div aria-busy="true">
      <PageHead title={title} subtitle={<SkeletonLine width="min(420px, 80%)" />} />
      <p className="visually-hidden" role="status">{`Loading ${title.toLowerCase()}…`}</p>
      <div className="stack">{children}</div>
    </div>
  );
}

/** A filter form's bar: one labelled box per field, and the button. */
export function SkeletonFilters({ labels }: { labels: readonly string[] }) {
  return (
    <div className="card filters" aria-hidden="true">
      {labels.map((label) => (
        <div className="field" key={label}>
          <span className="muted">{label}</span>
          <SkeletonLine width={160} height={34} />
        </div>
      ))}
      <SkeletonLine width={72} height={34} />
    </div>
  );
}

/** A table with its real column headers and `rows` rows of bars. */
export function SkeletonTable({ columns, rows = 6, heading }: { columns: readonly string[]; rows?: number; heading?: string }) {
  return (
    <section className="card table-wrap" aria-hidden="true">
      {heading ? <h2>{heading}</h2> : null}
      <table>
        <thead>
          <tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              {columns.map((c, i) => <td key={c}><SkeletonLine width={i === 0 ? "80%" : "60%"} /></td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A card with a heading and `lines` lines of text to come. */
export function SkeletonCard({ heading, lines = 3 }: { heading?: string; lines?: number }) {
  return (
    <section className="card stack" aria-hidden="true" style={{ gap: 10 }}>
      {heading ? <h2 style={{ margin: 0 }}>{heading}</h2> : <SkeletonLine width="30%" height={18} />}
      {Array.from({ length: lines }, (_, i) => <SkeletonLine key={i} width={i === lines - 1 ? "55%" : "100%"} />)}
    </section>
  );
}
