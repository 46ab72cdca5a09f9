// Stops the sync worker on SIGTERM/SIGINT before the process exits, so running syncs finish (or are
// marked failed) and pg-boss closes its connections instead of being cut off.
//
// Inside the app server, Next's own start-server has already registered handlers for these signals when
// instrumentation runs; they close the HTTP server and then call process.exit, which would cut the stop
// short. So the handlers found here are taken off and called, in order, once the worker has stopped.
// With none (`npm run worker`, or Next started with NEXT_MANUAL_SIG_HANDLE), this exits by itself.

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void): void {
  let stopping: Promise<void> | undefined;
  for (const signal of SIGNALS) {
    const before = process.listeners(signal);
    process.removeAllListeners(signal);
    process.on(signal, () => {
      stopping ??= stop().catch((error: Error) => log(`while stopping: ${error.message}`));
      void stopping.then(() => {
        if (before.length === 0) process.exit(0);
        for (const handler of before) handler(signal);
      });
    });
  }
}
