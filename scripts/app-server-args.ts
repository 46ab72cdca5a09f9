import { createRequire } from "node:module";

// How the app server process is started, by `npm start` and by the benchmarks alike, so what
// bench:catalog measures is what runs. Its V8 old generation is capped (BATCHDECK_APP_HEAP_MB, checked
// with the rest of the configuration in lib/env.ts): left to V8's default (a quarter of the machine's
// memory, up to 4 GiB), ten concurrent readers grew one app server to 1.6 GB resident, mostly garbage
// not yet collected (bench/README.md).

export const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

/** `node` arguments that run Next (`start` or `dev`) on `port` and `host` with an old generation of `heapMb` MiB. */
export function appServerArgs(mode: "start" | "dev", port: number, host: string, heapMb: number): string[] {
  return [`--max-old-space-size=${heapMb}`, nextBin, mode, "-p", String(port), "-H", host];
}
