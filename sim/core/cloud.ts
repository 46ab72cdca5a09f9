import type { SimClock } from "./clock";
import type { SimRequest, SimResponse } from "./http";
import type { SeededRandom } from "./random";
import type { SimHttpService } from "./service";

// What one simulated cloud brings to the simulator (sim/<cloud>/): its APIs, its control routes, its
// demo scenario and what its requests carry that the log must not keep. sim/server.ts serves the
// clouds it is given on one HTTPS port and knows none of them by name.

export type SimScenario = "demo" | "empty";

export interface SimCloudDeps {
  clock: SimClock;
  random: SeededRandom;
  /** https://127.0.0.1:<port>; known once the server listens, before `start` is called. */
  base(): string;
}

/** A simulated account split the way Batchdeck's catalog stores one; plain data, checked by the app. */
export interface SimCatalogAccount {
  name: string;
  /** The cloud id the app's registry knows it by. */
  cloud: string;
  settings: unknown;
  endpoints: unknown;
  credentials: unknown;
}

export interface SimCloud<Api> {
  /** Its APIs, each under its own path prefix. */
  services: readonly SimHttpService[];
  /** Its test plumbing under /_sim (path below /_sim), or null when the path is not its. */
  control(req: SimRequest): SimResponse | null;
  /** Brings the cloud's state up to the clock (schedules that came due, runs that ended). */
  catchUp(): void;
  /** Request-body fields that hold secrets in this cloud's protocols; the request log redacts them. */
  secretFields: readonly string[];
  /** Seeds the scenario once the server listens and returns the cloud's typed API for tests. */
  start(scenario: SimScenario): Api;
  /** After start: the scenario's account, for the demo launcher to put in the catalog. */
  demoCatalogAccount(): SimCatalogAccount;
}

export type SimCloudFactory<Api> = (deps: SimCloudDeps) => SimCloud<Api>;
