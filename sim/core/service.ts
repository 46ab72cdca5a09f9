import type { ActiveFault } from "./faults";
import type { SimRequest, SimResponse } from "./http";

/** One simulated API mounted under a path prefix of the simulator's single HTTPS port. */
export interface SimHttpService {
  /** As the request log names it, e.g. its API's short name. */
  name: string;
  /** "/<cloud id>/<service>", or the API's own first path segment when its clients cannot add a prefix (e.g. "/v2"). */
  prefix: string;
  /** Whether it serves this path below its prefix; omitted = every path. Lets services share a prefix. */
  accepts?(path: string): boolean;
  /** The account (fault and log scope) a request belongs to, or null. */
  accountOf(req: SimRequest): string | null;
  /** The API operation a request calls, for the request log, when the path does not say it (e.g. an X-Amz-Target header). */
  operationOf?(req: SimRequest): string | null;
  handle(req: SimRequest): Promise<SimResponse> | SimResponse;
  /** A throttle (429 + Retry-After) or 5xx answer in this vendor's error shape. */
  faultResponse(fault: ActiveFault, req: SimRequest): SimResponse;
}
