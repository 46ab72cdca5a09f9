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
import { armService } from "./azure/arm";
import { AzureCloud, type AzureAccount, type CreateAccountOptions, type CreateJobOptions } from "./azure/cloud";
import { azureControl } from "./azure/control";
import { seedAzureDemo } from "./azure/demo";
import { entraService } from "./azure/entra";
import { logAnalyticsService } from "./azure/logAnalytics";
import type { ServiceBusMessage } from "./azure/model";
import { serviceBusService } from "./azure/serviceBus";
import { TokenIssuer } from "./azure/tokens";
import { ensureSimCertificate } from "./tls";

export interface SimulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  dataDir: string;
  seed?: number;
  now?: Date;
  scenario?: "demo" | "empty";
  /** false (default): the clock moves only when told; true: it also follows wall time (demo mode). */
  realtime?: boolean;
}

export interface AzureEndpoints {
  resourceManager: string;
  authorityHost: string;
  logAnalytics: string;
  serviceBus: string;
}

export interface Simulator {
  url: string;
  port: number;
  azure: {
    endpoints: AzureEndpoints;
    demoAccount: AzureAccount;
    createAccount(opts?: CreateAccountOptions): AzureAccount & { endpoints: AzureEndpoints };
    createJob(opts: CreateJobOptions): { id: string; name: string };
    startExecution(subscriptionId: string, resourceGroup: string, job: string, env?: Record<string, string>): { id: string; name: string };
    queueMessages(namespace: string, queue: string): ServiceBusMessage[];
  };
  clock: { now(): Date; advance(seconds: number): void; set(date: Date): void };
  requests(account?: string): RequestLogEntry[];
  faults: { add(fault: FaultSpec): ActiveFault; clear(account?: string): void; list(): ActiveFault[] };
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const { certPath, keyPath } = await ensureSimCertificate(join(opts.dataDir, "tls"));
  const clock = new SimClock(opts.now ?? new Date(), opts.realtime ?? false);
  const random = new SeededRandom(opts.seed ?? 1);
  const log = new RequestLog();
  const faults = new FaultRegistry();
  const tokens = new TokenIssuer();
  const azure = new AzureCloud(clock, random);
  clock.onChange(() => azure.catchUp());

  const services: SimHttpService[] = [
    armService(azure, tokens),
    entraService(azure.state, tokens),
    logAnalyticsService(azure, tokens),
    serviceBusService(azure),
  ];

  let base = "";
  const endpointsFor = (namespace: string): AzureEndpoints => ({
    resourceManager: `${base}/azure/arm`,
    authorityHost: `${base}/azure/login`,
    logAnalytics: `${base}/azure/loganalytics`,
    serviceBus: `${base}/azure/servicebus/${namespace}`,
  });

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
      azure.catchUp();
      send(res, handleControl({ clock, faults, log, extra: (r) => azureControl(azure, r, endpointsFor) }, simReq));
      return;
    }
    const service = services.find((s) => url.pathname.startsWith(`${s.prefix}/`));
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
    const record = (response: SimResponse) =>
      log.add({
        account, service: service.name, method: simReq.method, path: simReq.path, query,
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
    azure.catchUp();
    const response = fault && (fault.kind === "throttle" || fault.kind === "error5xx") ? service.faultResponse(fault, simReq) : await service.handle(simReq);
    record(response);
    if (fault?.kind === "latency" && fault.answerLate) await sleep(fault.latencyMs ?? 1000);
    if (!res.destroyed) send(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `https://127.0.0.1:${port}`;

  const demoAccount = (opts.scenario ?? "demo") === "demo"
    ? seedAzureDemo(azure)
    : azure.createAccount({ resourceGroup: "batchdeck-demo", namespace: "batchdeck-demo" });

  return {
    url: base,
    port,
    azure: {
      endpoints: endpointsFor(demoAccount.serviceBusNamespace),
      demoAccount,
      createAccount: (o) => {
        const account = azure.createAccount(o);
        return { ...account, endpoints: endpointsFor(account.serviceBusNamespace) };
      },
      createJob: (o) => azure.createJob(o),
      startExecution: (s, g, j, env) => azure.startExecution(s, g, j, env),
      queueMessages: (n, q) => azure.queueMessages(n, q),
    },
    clock: {
      now: () => clock.now(),
      advance: (seconds) => void clock.advance(seconds),
      set: (date) => void clock.set(date),
    },
    requests: (account) => log.list(account),
    faults: { add: (f) => faults.add(f), clear: (a) => faults.clear(a), list: () => faults.list() },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
