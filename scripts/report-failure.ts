import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { ConfigError } from "../lib/env";
import { StartupError } from "../lib/db/startup-error";

/**
 * How the launchers (npm start, npm test) say they could not start: a problem the user can fix is its own
 * message; anything else is one line, with the full details (stack, causes) appended to a log file.
 */
export function reportFailure(error: unknown, prefix: string, logDir: string): void {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`${prefix} ${error.message}`);
    return;
  }
  const summary = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  try {
    mkdirSync(logDir, { recursive: true });
    const file = path.resolve(logDir, "failures.log");
    appendFileSync(file, `--- ${new Date().toISOString()}\n${inspect(error, { depth: 6 })}\n`, { mode: 0o600 });
    console.error(`${prefix} could not start: ${summary} (full details in ${file})`);
  } catch {
    console.error(`${prefix} could not start: ${summary}`);
  }
}
