"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// One quantity of one grant holder over the month: a bar per UTC day, the running total as a line, the
// free grant (or budget) as a horizontal line, and the forecast as a dashed line from today's total to the
// month's end. Colours come from the theme (app/globals.css .usage-chart-*).

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

interface Point {
  day: number;
  value: number | null;
  total: number | null;
  projection: number | null;
}

function points(daily: (number | null)[], forecast: number): Point[] {
  const today = daily.findLastIndex((d) => d !== null);
  let total = 0;
  const out = daily.map((d, i): Point => {
    if (d !== null) total += d;
    return { day: i + 1, value: d, total: d === null ? null : total, projection: null };
  });
  // The dashed line runs straight from today's total to the forecast on the month's last day.
  const last = daily.length - 1;
  for (let i = Math.max(today, 0); i <= last; i++) {
    out[i]!.projection = last === today ? forecast : total + ((forecast - total) * (i - today)) / (last - today);
  }
  return out;
}

export function UsageChart({ label, unit, daily, line, lineLabel, forecast, format }: {
  label: string;
  unit: string;
  daily: (number | null)[];
  /** The free grant or the budget, drawn across; null for none. */
  line: number | null;
  lineLabel: string;
  forecast: number;
  /** How values read in the tooltip and on the axis (money is passed in its currency's units). */
  format?: "number" | "money";
}) {
  const data = points(daily, forecast);
  const show = (v: number) => (format === "money" ? v.toFixed(2) : compact.format(v));
  const days = daily.filter((d) => d !== null).length;
  return (
    <figure className="chart" data-testid="usage-chart" data-label={label}>
      <div role="img" className="chart-plot usage-chart-plot" aria-label={`${label} per day over the month's first ${days} days, running total ${show(data[days - 1]?.total ?? 0)} ${unit}, forecast ${show(forecast)} ${unit}${line === null ? "" : `, ${lineLabel} ${show(line)} ${unit}`}.`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid className="chart-grid" strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ className: "chart-tick" }} stroke="currentColor" />
            <YAxis tickFormatter={show} width={56} tick={{ className: "chart-tick" }} stroke="currentColor" />
            <Tooltip formatter={(v) => (typeof v === "number" ? `${show(v)} ${unit}` : String(v))} labelFormatter={(d) => `Day ${String(d)}`} />
            <Bar dataKey="value" name="that day" className="usage-chart-bar" isAnimationActive={false} />
            <Line dataKey="total" name="month so far" className="usage-chart-total" dot={false} isAnimationActive={false} connectNulls={false} />
            <Line dataKey="projection" name="forecast" className="usage-chart-forecast" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
            {line === null ? null : <ReferenceLine y={line} className="usage-chart-line" strokeDasharray="2 2" label={{ value: lineLabel, position: "insideTopLeft", className: "chart-tick" }} />}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-legend">
        <span><span className="legend-dot usage-chart-bar" aria-hidden /> per day</span>
        <span><span className="legend-dot usage-chart-total" aria-hidden /> month so far</span>
        <span><span className="legend-dot usage-chart-forecast" aria-hidden /> forecast</span>
        {line === null ? null : <span><span className="legend-dot usage-chart-line" aria-hidden /> {lineLabel}</span>}
      </figcaption>
    </figure>
  );
}
