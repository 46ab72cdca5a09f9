import { ConfigError, parseServerEnv } from "./env";

// Runs once when the server starts (instrumentation.ts): a bad configuration stops it here, with the
// reason, instead of failing on the first request — or worse, serving without sign-in.
try {
  parseServerEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
