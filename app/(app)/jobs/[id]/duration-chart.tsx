"use client";

import { useRouter } from "next/navigation";
import { CartesianGrid, Cell, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { shortDuration } from "@/components/durations";
import { dateTimeFormat } from "@/lib/format/date-time-format";
import type { ChartRun } from "@/lib/queries/job-page";

// Each of the job's latest runs as one dot: when it started (x), how long it took (y), coloured by how it
// ended. A click opens the run's page. Colours come from the theme (app/globals.css .run-dot-*).

const OUTCOMES = ["succeeded", "failed", "stopped", "unknown"] as const;

interface Point extends ChartRun {
  at: number;
  seconds: number;
}

function day(ms: number): string {
  return dateTimeFormat(undefined, { month: "short", day: "numeric" }).format(ms);
}

function RunTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: Point }[] }) {
  const run = active ? payload?.[0]?.payload : undefined;
  if (!run) return null;
  return (
    <div className="card chart-tip">
      <strong>{run.status}</strong> · {shortDuration(run.durationMs)}
      <div className="muted">{dateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(run.at)}</div>
    </div>
  );
}

export function DurationChart({ runs }: { runs: ChartRun[] }) {
  const router = useRouter();
  const points: Point[] = runs.map((r) => ({ ...r, at: Date.parse(r.startedAt), seconds: r.durationMs / 1000 }));
  const counts = OUTCOMES.map((o) => [o, points.filter((p) => p.status === o).length] as const).filter(([, n]) => n > 0);
  const summary = counts.map(([o, n]) => `${n} ${o}`).join(", ");
  return (
    <figure className="chart" data-testid="duration-chart" data-runs={points.length}>
      <div role="img" aria-label={`Duration of the last ${points.length} runs: ${summary}.`} className="chart-plot">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid className="chart-grid" strokeDasharray="3 3" />
            <XAxis dataKey="at" type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={day} tick={{ className: "chart-tick" }} stroke="currentColor" />
            <YAxis dataKey="seconds" type="number" tickFormatter={(s: number) => shortDuration(s * 1000)} width={64} tick={{ className: "chart-tick" }} stroke="currentColor" />
            <Tooltip content={<RunTooltip />} cursor={false} />
            <Scatter data={points} isAnimationActive={false} onClick={(point: { payload?: Point }) => point.payload && router.push(`/executions/${point.payload.id}`)}>
              {points.map((p) => (
                <Cell key={p.id} className={`run-dot run-dot-${p.status}`} />
              ))}
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-legend">
        {counts.map(([o, n]) => (
          <span key={o}><span className={`legend-dot run-dot-${o}`} aria-hidden /> {o} ({n})</span>
        ))}
      </figcaption>
    </figure>
  );
}
