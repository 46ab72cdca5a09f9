import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { SimClock } from "./core/clock";
import { handleControl } from "./core/control";
import { FaultRegistry, type FaultSpec, type ActiveFault } from "./core/faults";
import { json, parseBodyForLog, readBody, send, sleep, type SimRequest, type SimResponse } from "./core/http";
import { SeededRandom } from "./core/random";
import { RequestLog, type RequestLogEntry } from "./core/requestLog";
import type { SimHttpService } from "./core/service";
import type { SimCatalogAccount, SimCloud, SimCloudFactory, SimScenario } from "./core/cloud";
import { SIM_CLOUDS } from "./clouds";
import { ensureSimCertificate } from "./tls";

// One HTTPS port serving the clouds it is given (sim/core/cloud.ts), with the shared clock, faults and
// request log. Each cloud's test API is sim.<id>.

export interface SimulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  dataDir: string;
  seed?: number;
  now?: Date;
  scenario?: SimScenario;
  /** false (default): the clock moves only when told; true: it also follows wall time (demo mode). */
  realtime?: boolean;
}

/** What every simulator offers, whatever clouds it serves. */
export interface SimulatorCore {
  url: string;
  port: number;
  clock: { now(): Date; advance(seconds: number): void; set(date: Date): void };
  requests(account?: string): RequestLogEntry[];
  /** Each simulated cloud's scenario account, as the demo launcher seeds them. */
  demoCatalogAccounts(): SimCatalogAccount[];
  faults: { add(fault: FaultSpec): ActiveFault; clear(account?: string): void; list(): ActiveFault[] };
  close(): Promise<void>;
}

type CloudFactories = Record<string, SimCloudFactory<unknown>>;

/** A simulator of the given clouds: the core, and each cloud's API under its id. */
export type SimulatorOf<F extends CloudFactories> = SimulatorCore & { [K in keyof F]: F[K] extends SimCloudFactory<infer Api> ? Api : never };

/** The simulator of every cloud in sim/clouds.ts. */
export type Simulator = SimulatorOf<typeof SIM_CLOUDS>;

export function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  return startSimulatorOf(SIM_CLOUDS, opts);
}

export async function startSimulatorOf<F extends CloudFactories>(factories: F, opts: SimulatorOptions): Promise<SimulatorOf<F>> {
  const { certPath, keyPath } = await ensureSimCertificate(join(opts.dataDir, "tls"));
  const clock = new SimClock(opts.now ?? new Date(), opts.realtime ?? false);
  const random = new SeededRandom(opts.seed ?? 1);
  let base = "";
  const entries = Object.entries(factories).map(([id, factory]) => [id, factory({ clock, random, base: () => base })] as const);
  const clouds: SimCloud<unknown>[] = entries.map(([, cloud]) => cloud);
  const log = new RequestLog(clouds.flatMap((c) => c.secretFields));
  const faults = new FaultRegistry();
  const services: SimHttpService[] = clouds.flatMap((c) => c.services);
  const catchUp = () => clouds.forEach((c) => c.catchUp());
  const cloudControl = (req: SimRequest) => clouds.reduce<SimResponse | null>((answer, c) => answer ?? c.control(req), null);

  const server: Server = createServer({ cert: await readFile(certPath), key: await readFile(keyPath) }, (req, res) => {
    void dispatch(req, res).catch((error: unknown) => {
      console.error("[sim] internal error", error);
      if (!res.headersSent) send(res, json(500, { error: { code: "SimulatorError", message: String(error) } }));
    });
  });

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    const rawBody = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    if (url.pathname.startsWith("/_sim/") || url.pathname === "/_sim") {
      const simReq: SimRequest = { method: req.method ?? "GET", path: url.pathname.slice(5), query, headers: req.headers, rawBody, baseUrl: `${base}/_sim` };
      catchUp();
      send(res, handleControl({ clock, faults, log, extra: cloudControl }, simReq));
      return;
    }
    const service = services.find((s) => url.pathname.startsWith(`${s.prefix}/`) && (s.accepts?.(url.pathname.slice(s.prefix.length)) ?? true));
    if (!service) {
      send(res, json(404, { error: { code: "NotFound", message: `Nothing is served at ${url.pathname}; see sim/README.md` } }));
      return;
    }
    const simReq: SimRequest = {
      method: req.method ?? "GET",
      path: url.pathname.slice(service.prefix.length),
      query,
      headers: req.headers,
      rawBody,
      baseUrl: `${base}${service.prefix}`,
    };
    const account = service.accountOf(simReq);
    const time = clock.now().toISOString();
    const fault = faults.take(account, simReq);
    const operation = service.operationOf?.(simReq) ?? undefined;
    const record = (response: SimResponse) =>
      log.add({
        account, service: service.name, ...(operation ? { operation } : {}), method: simReq.method, path: simReq.path, query,
        body: parseBodyForLog(rawBody, req.headers["content-type"]), status: response.status, time,
        responseBody: typeof response.body === "string" ? parseBodyForLog(response.body, undefined) : response.body ?? null,
        responseHeaders: response.headers ?? {},
      });
    if (fault?.kind === "hang") {
      // Never answer: the client's own timeout must fire. close() destroys the socket.
      record({ status: 0 });
      return;
    }
    if (fault?.kind === "latency" && !fault.answerLate) await sleep(fault.latencyMs ?? 1000);
    catchUp();
    const response = fault && (fault.kind === "throttle" || fault.kind === "error5xx") ? service.faultResponse(fault, simReq) : await service.handle(simReq);
    record(response);
    if (fault?.kind === "latency" && fault.answerLate) await sleep(fault.latencyMs ?? 1000);
    if (!res.destroyed) send(res, response);
  }

  // Outlast the clients' idle sockets (Node's agent drops them after 5 s), so a client never reuses a socket
  // the server is closing at that very moment (ECONNRESET) — likely when a test blocks the event loop for a
  // while, e.g. generating an RSA key, and both timers come due together.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `https://127.0.0.1:${port}`;

  const scenario = opts.scenario ?? "demo";
  const apis = Object.fromEntries(entries.map(([id, cloud]) => [id, cloud.start(scenario)])) as { [K in keyof F]: F[K] extends SimCloudFactory<infer Api> ? Api : never };

  return {
    ...apis,
    url: base,
    port,
    clock: {
      now: () => clock.now(),
      advance: (seconds) => void clock.advance(seconds),
      set: (date) => void clock.set(date),
    },
    requests: (account) => log.list(account),
    demoCatalogAccounts: () => clouds.map((c) => c.demoCatalogAccount()),
    faults: { add: (f) => faults.add(f), clear: (a) => faults.clear(a), list: () => faults.list() },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
