import { awsSimCloud } from "./aws/simCloud";
import { azureSimCloud } from "./azure/simCloud";
import { gcpSimCloud } from "./gcp/simCloud";

// The clouds the simulator serves, each under its own id (sim.<id> in tests). The simulator's one
// line per cloud, as lib/providers/registry.ts is the app's.
export const SIM_CLOUDS = {
  azure: azureSimCloud,
  aws: awsSimCloud,
  gcp: gcpSimCloud,
};
