const TONE: Record<string, string> = { succeeded: "ok", running: "", queued: "", failed: "error", stopped: "", unknown: "" };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONE[status] ?? ""}`}>{status}</span>;
}
