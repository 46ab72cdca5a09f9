import { type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { AwsCloud } from "./cloud";
import { AwsError, accessDenied, errorResponse, escapeXml, faultError, type AwsProtocol } from "./errors";
import type { Principal } from "./model";
import { accountOfRequest, authenticate, type AwsServiceSpec } from "./protocol";

// AWS STS over the awsQuery protocol (form-encoded POST, XML answers; API version 2011-06-15):
// AssumeRole (with ExternalId) and GetCallerIdentity
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). Temporary keys expire on
// the simulated clock. Every simulated role trusts every simulated principal; a role made with an
// external id demands it, as a trust policy with sts:ExternalId does.

const PROTOCOL: AwsProtocol = "awsQuery";
const NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const SPEC: AwsServiceSpec = {
  name: "sts",
  prefix: "/aws/sts",
  signingName: "sts",
  iamPrefix: "sts",
  // STS's common errors: Throttling (400) and InternalFailure (500) (CommonErrors.html).
  faults: { throttle: "Throttling", throttleStatus: 400, server: "InternalFailure" },
};

export function stsService(cloud: AwsCloud): SimHttpService {
  return {
    name: SPEC.name,
    prefix: SPEC.prefix,
    accountOf: (req) => accountOfRequest(cloud, req),
    operationOf: (req) => new URLSearchParams(req.rawBody).get("Action") ?? req.query.Action ?? null,
    faultResponse: (fault) => errorResponse(faultError(fault, SPEC.faults), PROTOCOL),
    async handle(req) {
      try {
        return await handle(cloud, req);
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error, PROTOCOL);
        throw error;
      }
    },
  };
}

async function handle(cloud: AwsCloud, req: SimRequest): Promise<SimResponse> {
  const form = Object.fromEntries(new URLSearchParams(req.method === "POST" ? req.rawBody : ""));
  const params = { ...req.query, ...form };
  const action = params.Action ?? "";
  const { principal } = await authenticate(cloud, req, SPEC, PROTOCOL, action, () => (action === "AssumeRole" ? params.RoleArn ?? "*" : "*"));
  if (params.Version !== "2011-06-15") throw new AwsError("InvalidAction", `Could not find operation ${action} for version ${params.Version ?? "NO_VERSION_SPECIFIED"}`);
  const requestId = cloud.random.uuid();
  const xml = (body: string): SimResponse => ({
    status: 200,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
    body: `<${action}Response xmlns="${NS}">\n  <${action}Result>\n${body}  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`,
  });
  if (action === "GetCallerIdentity") {
    return xml(`    <Arn>${escapeXml(principal.arn)}</Arn>\n    <UserId>${escapeXml(principal.userId)}</UserId>\n    <Account>${principal.accountId}</Account>\n`);
  }
  if (action === "AssumeRole") {
    const issued = assumeRole(cloud, principal, params);
    return xml(
      `    <AssumedRoleUser>\n      <Arn>${escapeXml(issued.arn)}</Arn>\n      <AssumedRoleId>${escapeXml(issued.userId)}</AssumedRoleId>\n    </AssumedRoleUser>\n` +
        `    <Credentials>\n      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${escapeXml(issued.secretAccessKey)}</SecretAccessKey>\n      <SessionToken>${escapeXml(issued.sessionToken!)}</SessionToken>\n      <Expiration>${new Date(issued.expiresMs!).toISOString().replace(/\.\d{3}Z$/, "Z")}</Expiration>\n    </Credentials>\n`,
    );
  }
  throw new AwsError("InvalidAction", `Could not find operation ${action} for version 2011-06-15`);
}

function assumeRole(cloud: AwsCloud, caller: Principal, params: Record<string, string>): Principal {
  const roleArn = params.RoleArn ?? "";
  const sessionName = params.RoleSessionName ?? "";
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) throw new AwsError("ValidationError", `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  const duration = params.DurationSeconds === undefined ? 3600 : Number(params.DurationSeconds);
  // Role chaining caps a session at one hour; a role's default maximum is one hour too.
  if (!Number.isInteger(duration) || duration < 900) throw new AwsError("ValidationError", `1 validation error detected: Value '${params.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
  if (duration > 3600) throw new AwsError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  const m = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArn);
  const account = m ? cloud.state.accounts.get(m[1]!) : undefined;
  const role = m ? account?.roles.get(m[2]!) : undefined;
  // A missing role, a wrong or missing external id: all the same AccessDenied to the caller.
  if (!account || !role || (role.externalId !== undefined && role.externalId !== params.ExternalId)) {
    throw accessDenied(PROTOCOL, caller.arn, "sts:AssumeRole", roleArn);
  }
  const roleId = `AROA${cloud.random.string(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`;
  return cloud.issueKey(account, `arn:aws:sts::${account.id}:assumed-role/${role.name}/${sessionName}`, `${roleId}:${sessionName}`, true, {
    sessionToken: `IQoJb3JpZ2luX2Vj${cloud.random.base64(240).replace(/=+$/, "")}`,
    expiresMs: cloud.clock.nowMs() + duration * 1000,
    roleName: role.name,
  });
}
