import { LocalTime } from "./local-time";

const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/** One quantity against its free grant: a bar, the numbers, and where this month's pace leads. */
export function UsageMeter({ label, unit, used, grant, forecast, exhaustedAt, unknownRuns }: {
  label: string;
  unit: string;
  used: number;
  grant: number | null;
  forecast: number;
  exhaustedAt: string | null;
  /** Runs whose allocation the cloud did not report: left out of `used`, so the total is a floor. */
  unknownRuns: number;
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
      {unknownRuns > 0 ? (
        <div className="notice" role="note" data-testid="usage-unknown">
          {label} unknown for {unknownRuns} run{unknownRuns === 1 ? "" : "s"}: the cloud did not report their allocation, so they are not in
          these figures and the real total is higher.
        </div>
      ) : null}
    </div>
  );
}
