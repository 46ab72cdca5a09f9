import { z } from "zod";

// Every environment variable Batchdeck reads, validated once. `.env.example` documents the same list.
// Errors name the variable and say what to set, because a forgotten variable must never open the door.

const emailList = z
  .string()
  .default("")
  .transform((s) => s.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean));

/** Failure alerts by email: both or neither (checked in parseServerEnv). */
const alertEmailSchema = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, "must be an smtp:// or smtps:// URL, like smtps://user:password@smtp.example.edu:465")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ALERTS_FROM: z.email("must be the email address alerts are sent from, like batchdeck@lab.example.edu").optional().or(z.literal("").transform(() => undefined)),
});

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  NEXTAUTH_URL: z.url("must be the URL people open, e.g. https://batchdeck.example.edu").default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  /** Only for the demo issuer and tests: where the Google provider discovers its OpenID configuration. */
  GOOGLE_ISSUER: z.url().optional(),
  OWNER_EMAILS: emailList.pipe(z.array(z.email("OWNER_EMAILS must be a comma-separated list of emails"))),
  ALLOWED_EMAIL_DOMAINS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "ALLOWED_EMAIL_DOMAINS must be domains like lab.example.edu"))),
  /** 32 bytes, base64: encrypts cloud credentials at rest (AES-256-GCM). */
  BATCHDECK_ENCRYPTION_KEY: z
    .string()
    .refine((k) => Buffer.from(k, "base64").length === 32, "must be 32 random bytes in base64 (`openssl rand -base64 32`)")
    .optional(),
  /** Only while rotating keys: the key before BATCHDECK_ENCRYPTION_KEY, which still opens what it sealed. */
  BATCHDECK_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .refine((k) => Buffer.from(k, "base64").length === 32, "must be the previous key: 32 bytes in base64")
    .optional(),
  /** Set by `npm start` when it runs the demo (local issuer, simulator); refused on a non-loopback URL. */
  BATCHDECK_DEMO: z.enum(["0", "1"]).default("0"),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** 1: the app server also runs the background sync; 0: leave it to dedicated `npm run worker` processes. */
  BATCHDECK_SYNC_WORKER: z.enum(["0", "1"]).default("1"),
  /** The cloud simulator's origin, the one non-cloud host account endpoints may name (demo mode and tests only). */
  BATCHDECK_SIMULATOR_ORIGIN: z.string().optional(),
  BATCHDECK_SYNC_INTERVAL_SECONDS: z.coerce.number().int("must be whole seconds").min(5).max(3600).default(60),
  /** MiB the app server's V8 old generation may hold (scripts/app-server-args.ts says why it is capped). */
  BATCHDECK_APP_HEAP_MB: z.coerce.number().int("must be whole MiB").min(128).max(16_384).default(256),
  /** Reverse proxies in front of Batchdeck that append to X-Forwarded-For (lib/auth/client-address.ts). */
  BATCHDECK_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  ...alertEmailSchema.shape,
});

export type ServerEnv = z.infer<typeof envSchema> & { demo: boolean };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/** Parses and cross-checks the environment; throws ConfigError with every problem listed. */
export function parseServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new ConfigError(`Batchdeck's configuration is invalid:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const env = result.data;
  const demo = env.BATCHDECK_DEMO === "1";
  const problems: string[] = [];
  if (demo && !isLoopbackUrl(env.NEXTAUTH_URL)) {
    problems.push(`demo mode only runs on a loopback URL, but NEXTAUTH_URL is ${env.NEXTAUTH_URL}.`);
  }
  // Session cookies and sign-in codes must not cross a network in clear text; loopback never leaves the host.
  if (new URL(env.NEXTAUTH_URL).protocol === "http:" && !isLoopbackUrl(env.NEXTAUTH_URL)) {
    problems.push(
      `NEXTAUTH_URL is ${env.NEXTAUTH_URL}, plain http on a public host: serve Batchdeck over https ` +
        `(e.g. behind a TLS reverse proxy) and set NEXTAUTH_URL to its https:// URL.`,
    );
  }
  if (!demo) {
    if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET)
      problems.push(
        `no Google sign-in is configured for ${env.NEXTAUTH_URL}. Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET ` +
          `(Google Cloud console → APIs & Services → Credentials → OAuth client ID, redirect URI ` +
          `${new URL("/api/auth/callback/google", env.NEXTAUTH_URL).href}), or open the demo on a loopback URL with \`npm start\`.`,
      );
    if (!env.NEXTAUTH_SECRET) problems.push("NEXTAUTH_SECRET is not set: set 32+ random characters (`openssl rand -base64 32`).");
    if (!env.BATCHDECK_ENCRYPTION_KEY)
      problems.push("BATCHDECK_ENCRYPTION_KEY is not set: set 32 random bytes in base64 (`openssl rand -base64 32`).");
    if (env.OWNER_EMAILS.length === 0)
      problems.push("OWNER_EMAILS is empty: name at least one owner, or nobody will be able to sign in and invite the lab.");
  }
  if (Boolean(env.SMTP_URL) !== Boolean(env.ALERTS_FROM))
    problems.push("alerts by email need both SMTP_URL and ALERTS_FROM: set the one missing, or unset both to offer webhooks only.");
  const simulator = simulatorOriginProblem(source);
  if (simulator) problems.push(simulator);
  // GOOGLE_ISSUER replaces accounts.google.com as the authority on who someone is: only the demo's
  // loopback issuer may do that (tests run the app in demo mode), never a deployment.
  if (env.GOOGLE_ISSUER && !(demo && isLoopbackUrl(env.GOOGLE_ISSUER))) {
    problems.push(
      `GOOGLE_ISSUER is ${env.GOOGLE_ISSUER}, but only the demo's own issuer on a loopback URL may stand in for Google ` +
        "(real sign-in trusts accounts.google.com alone). Unset GOOGLE_ISSUER: `npm start` sets it itself in demo mode.",
    );
  }
  if (!env.DATABASE_URL) problems.push("DATABASE_URL is not set (npm start sets it for the embedded Postgres).");
  if (problems.length) throw new ConfigError(`Batchdeck will not start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return { ...env, demo };
}

/**
 * BATCHDECK_SIMULATOR_ORIGIN must be exactly an https loopback origin (scheme, host and port, nothing
 * else), and is refused outside demo mode and tests: it is the only way a non-cloud host can receive
 * an account's tokens, so production must not be able to turn it on by accident.
 */
function simulatorOriginProblem(source: Record<string, string | undefined>): string | null {
  const value = source.BATCHDECK_SIMULATOR_ORIGIN;
  if (value === undefined || value === "") return null;
  if (source.BATCHDECK_DEMO !== "1" && source.NODE_ENV !== "test") {
    return "BATCHDECK_SIMULATOR_ORIGIN is set outside demo mode: unset it (only the demo and tests talk to the cloud simulator).";
  }
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || url.protocol !== "https:" || url.origin !== value || !url.port || !isLoopbackUrl(value)) {
    return `BATCHDECK_SIMULATOR_ORIGIN must be the simulator's https loopback origin, like https://127.0.0.1:4599, but is ${value}.`;
  }
  return null;
}

/**
 * The simulator origin account endpoints may use, or null. Read on every call (a test starts its
 * simulator on a free port after the process started); an invalid or out-of-place value counts as none.
 */
export function simulatorOrigin(source: Record<string, string | undefined> = process.env): string | null {
  const value = source.BATCHDECK_SIMULATOR_ORIGIN;
  if (!value || simulatorOriginProblem(source)) return null;
  return value;
}

let cached: ServerEnv | undefined;
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv();
  return cached;
}

export interface AlertSmtp {
  url: string;
  from: string;
}

/**
 * Where email alerts go out, or null when SMTP is not configured (then only webhooks are offered). Read on
 * every call, like simulatorOrigin: a test starts its SMTP server on a free port after the process started.
 */
export function alertSmtp(source: Record<string, string | undefined> = process.env): AlertSmtp | null {
  const parsed = alertEmailSchema.safeParse(source);
  if (!parsed.success || !parsed.data.SMTP_URL || !parsed.data.ALERTS_FROM) return null;
  return { url: parsed.data.SMTP_URL, from: parsed.data.ALERTS_FROM };
}
