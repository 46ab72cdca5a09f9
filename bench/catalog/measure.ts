import autocannon from "autocannon";

// Load with autocannon on loopback. Latencies come from its per-response event (its summary has p50 and
// p97.5 but no p95). Each run stops at a request count or a time cap, whichever comes first, so a page
// that takes seconds still finishes the bench in minutes; the sample count is reported with it.

export interface LoadRun {
  latenciesMs: number[];
  ok: number;
  failed: number;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Stop after this many responses… */
  amount?: number;
  /** …or after this many seconds, once `atLeast` responses are in (a page slower than the cap still gets timed), but never past `ceilingS`. */
  seconds: number;
  atLeast?: number;
  ceilingS?: number;
}

export function load(o: LoadOptions): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const latenciesMs: number[] = [];
    let ok = 0;
    let failed = 0;
    const started = performance.now();
    const instance = autocannon(
      {
        url: o.url,
        headers: o.headers,
        connections: o.connections,
        pipelining: 1,
        // A slow page under ten readers takes far more than autocannon's 10 s default.
        timeout: 300,
        ...(o.amount ? { amount: o.amount } : { duration: o.seconds }),
      },
      (error) => {
        clearTimeout(cap);
        if (error) reject(error);
        else resolve({ latenciesMs, ok, failed, seconds: (performance.now() - started) / 1000 });
      },
    );
    const ceiling = (o.ceilingS ?? o.seconds) * 1000;
    const stopWhenEnough = () => {
      if (ok >= (o.atLeast ?? 0) || performance.now() - started >= ceiling) instance.stop();
      else cap = setTimeout(stopWhenEnough, 250);
    };
    let cap = setTimeout(stopWhenEnough, o.seconds * 1000);
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status === 200) {
        ok += 1;
        latenciesMs.push(ms);
      } else failed += 1;
    });
    instance.on("reqError", () => {
      failed += 1;
    });
  });
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
