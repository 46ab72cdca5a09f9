// Durations as the screens write them: a run's exact length, and a median read from the rollups'
// duration buckets (within 9 %, lib/catalog/duration-buckets.ts), rounded and marked approximate.

/** "42s", "3m 7s", "4m", "2h 5m"; "—" when the run has not started or not ended. */
export function runDuration(start: Date | null, end: Date | null): string {
  if (!start || !end) return "—";
  return shortDuration(end.getTime() - start.getTime());
}

/** A length in milliseconds as "42s", "3m 7s", "4m", "2h 5m" or "2h". */
export function shortDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return seconds % 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds / 60}m`;
  const minutes = Math.floor((seconds % 3600) / 60);
  return minutes ? `${Math.floor(seconds / 3600)}h ${minutes}m` : `${Math.floor(seconds / 3600)}h`;
}

/** A median from duration buckets: "under 1 s", "≈ 42 s", "≈ 3 min", "≈ 1.5 h". */
export function approxDuration(ms: number): string {
  if (ms < 1000) return "under 1 s";
  const s = Math.round(ms / 1000);
  if (s < 60) return `≈ ${s} s`;
  if (s < 3600) return `≈ ${Math.round(s / 60)} min`;
  return `≈ ${(s / 3600).toFixed(1)} h`;
}
