import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

// docker-compose.yml can't be run here (no Docker engine), so its shape is checked instead: the services
// docs/deploy.md describes exist, wired the way it says, with variables Batchdeck knows.

const service = z.object({
  image: z.string().optional(),
  build: z.string().optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  env_file: z.array(z.string()).optional(),
  depends_on: z.union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))]).optional(),
  deploy: z.object({ replicas: z.number() }).optional(),
  ports: z.array(z.string()).optional(),
  expose: z.array(z.string()).optional(),
});
const compose = z.object({ services: z.record(z.string(), service), volumes: z.record(z.string(), z.unknown()) });
const file = compose.parse(parse(readFileSync("docker-compose.yml", "utf8")));
const { services } = file;
const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
const documented = new Set([...readFileSync(".env.example", "utf8").matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

describe("docker-compose.yml", () => {
  it("has the database, a one-off migration, two app replicas, a worker and one proxy in front", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "db", "migrate", "proxy", "worker"]);
    expect(services.migrate!.command).toEqual(["npm", "run", "db:migrate"]);
    expect(services.worker!.command).toEqual(["npm", "run", "worker"]);
    expect(scripts["db:migrate"]).toBe("tsx scripts/migrate.ts deploy");
    expect(scripts.worker).toBe("tsx scripts/worker.ts");
    expect(services.app!.deploy).toEqual({ replicas: 2 });
    expect(["app", "worker", "migrate"].map((name) => services[name]!.build)).toEqual([".", ".", "."]);
  });

  it("publishes one URL, the proxy's, which forwards to the app replicas", () => {
    const published = Object.entries(services).filter(([, s]) => s.ports).map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([["proxy", ["3000:3000"]]]);
    expect(services.proxy!.command).toEqual(["caddy", "reverse-proxy", "--from", ":3000", "--to", "app:3000"]);
    expect(services.app!.expose).toEqual(["3000"]);
  });

  it("starts the app and worker after the migration, and only the worker syncs", () => {
    for (const name of ["app", "worker"]) expect(services[name]!.depends_on).toEqual({ migrate: { condition: "service_completed_successfully" } });
    expect(services.migrate!.depends_on).toEqual({ db: { condition: "service_healthy" } });
    const url = "postgresql://batchdeck:batchdeck@db:5432/batchdeck";
    expect(services.app!.environment).toEqual({ DATABASE_URL: url, PORT: "3000", BATCHDECK_SYNC_WORKER: "0", BATCHDECK_TRUSTED_PROXY_HOPS: "1" });
    expect(services.worker!.environment).toEqual({ DATABASE_URL: url });
    expect(services.migrate!.environment).toEqual({ DATABASE_URL: url });
  });

  it("sets only variables that .env.example documents", () => {
    const used = ["app", "worker", "migrate"].flatMap((name) => Object.keys(services[name]!.environment ?? {}));
    expect(used.filter((name) => !documented.has(name))).toEqual([]);
  });
});
