import { writeFileSync } from "node:fs";
import { z } from "zod";

// The flags every bench takes: --quick (a small run that only proves the harness works), --json <file>
// (the figures as JSON too), --port <n> (first loopback port for the bench's own servers; default: free ones).

const argsSchema = z.object({
  quick: z.boolean(),
  json: z.string().min(1).nullable(),
  port: z.coerce.number().int().min(1024).max(65535).nullable(),
});
export type BenchArgs = z.infer<typeof argsSchema>;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    if (at < 0) return null;
    const v = argv[at + 1];
    if (!v || v.startsWith("--")) throw new Error(`${flag} needs a value`);
    return v;
  };
  const known = new Set(["--quick", "--json", "--port"]);
  const unknown = argv.filter((a, i) => a.startsWith("--") && !known.has(a) && !(i > 0 && ["--json", "--port"].includes(argv[i - 1]!)));
  if (unknown.length) throw new Error(`unknown flag(s) ${unknown.join(" ")}; use --quick, --json <file>, --port <n>`);
  return argsSchema.parse({ quick: argv.includes("--quick"), json: value("--json"), port: value("--port") });
}

export function writeJson(file: string | null, figures: unknown) {
  if (file) writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
