import { LocalTime } from "./local-time";

const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/** One quantity against its free grant: a bar, the numbers, and where this month's pace leads. */
export function UsageMeter({ label, unit, used, grant, forecast, exhaustedAt }: {
  label: string;
  unit: string;
  used: number;
  grant: number | null;
  forecast: number;
  exhaustedAt: string | null;
}) {
  const share = grant ? used / grant : 0;
  const tone = share >= 1 ? "over" : exhaustedAt ? "warn" : "ok";
  return (
    <div className="meter">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong>{label}</strong>
        <span className="mono">
          {fmt.format(used)} {grant ? <>/ {fmt.format(grant)} {unit} ({Math.round(share * 100)}%)</> : unit}
        </span>
      </div>
      {grant ? (
        <div className={`meter-bar ${tone}`} role="meter" aria-label={`${label} used of the free grant`} aria-valuemin={0} aria-valuemax={grant} aria-valuenow={Math.min(used, grant)}>
          <span style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
      ) : null}
      <div className="muted" style={{ fontSize: "0.85rem" }}>
        At this pace: {fmt.format(forecast)} {unit} by the end of the month
        {exhaustedAt ? <> — the free grant runs out <LocalTime iso={exhaustedAt} style="date" /></> : grant ? ", inside the free grant" : ""}.
      </div>
    </div>
  );
}
