import { json, isRecord, type SimRequest, type SimResponse } from "./http";
import type { SimClock } from "./clock";
import type { FaultRegistry, FaultSpec } from "./faults";
import type { RequestLog } from "./requestLog";

// Cloud-independent control routes under /_sim (README "Control routes"). Loopback test plumbing:
// no auth, JSON in and out.

export interface ControlDeps {
  clock: SimClock;
  faults: FaultRegistry;
  log: RequestLog;
  /** The clouds' own routes (/<cloud id>/...), or null when none matches. */
  extra: (req: SimRequest) => SimResponse | null;
}

export function handleControl(deps: ControlDeps, req: SimRequest): SimResponse {
  const { clock, faults, log } = deps;
  let body: unknown = null;
  if (req.rawBody.trim() !== "") {
    try {
      body = JSON.parse(req.rawBody);
    } catch {
      return json(400, { error: "body must be JSON" });
    }
  }
  const key = `${req.method} ${req.path}`;
  try {
    switch (key) {
      case "GET /clock":
        return json(200, { now: clock.now().toISOString() });
      case "POST /clock": {
        if (!isRecord(body)) return json(400, { error: 'send {"advanceSeconds":N} or {"now":"ISO"}' });
        if (typeof body.advanceSeconds === "number") return json(200, { now: clock.advance(body.advanceSeconds).toISOString() });
        if (typeof body.now === "string") return json(200, { now: clock.set(new Date(body.now)).toISOString() });
        return json(400, { error: 'send {"advanceSeconds":N} or {"now":"ISO"}' });
      }
      case "GET /requests":
        return json(200, { requests: log.list(req.query.account) });
      case "DELETE /requests":
        log.clear();
        return { status: 204 };
      case "GET /faults":
        return json(200, { faults: faults.list() });
      case "POST /faults":
        return json(201, faults.add(body as FaultSpec));
      case "DELETE /faults":
        faults.clear(req.query.account);
        return { status: 204 };
      default:
        return deps.extra(req) ?? json(404, { error: `no control route ${key}` });
    }
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
}
