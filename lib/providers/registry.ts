import { CLOUDS, type Cloud, type CloudProvider, type ProviderAccount } from "./types";
import type { CloudDescriptor } from "./descriptor";
import { ProviderError } from "./errors";
import { azureDescriptor } from "./azure";
import { awsDescriptor } from "./aws";
import { gcpDescriptor } from "./gcp";

// Which clouds this build can talk to. Two records keyed by the `Cloud` union: a cloud is either in
// DESCRIPTORS (it has a descriptor, lib/providers/<cloud>/index.ts) or in NOT_YET_SUPPORTED (with the
// sentence the UI shows). Adding a cloud to CLOUDS fails to compile until it is placed in one of them;
// supporting it is one line here, and the compiler then insists it leaves NOT_YET_SUPPORTED.

const DESCRIPTORS = {
  azure: azureDescriptor,
  aws: awsDescriptor,
  gcp: gcpDescriptor,
} satisfies { [C in Cloud]?: CloudDescriptor<C> };

export type SupportedCloud = keyof typeof DESCRIPTORS;

/** Every supported cloud's descriptor, each under its own id. */
export const CLOUD_DESCRIPTORS: { readonly [C in SupportedCloud]: CloudDescriptor<C> } = DESCRIPTORS;

const NOT_YET_SUPPORTED: Record<Exclude<Cloud, SupportedCloud>, string> = {};

export function isCloudSupported(cloud: Cloud): cloud is SupportedCloud {
  return Object.hasOwn(DESCRIPTORS, cloud);
}

/** The clouds the UI may offer when adding an account, in CLOUDS order. */
export const SUPPORTED_CLOUDS: readonly SupportedCloud[] = CLOUDS.filter(isCloudSupported);

/** Why a cloud can't be added yet; null when it can. */
export function unsupportedReason(cloud: Cloud): string | null {
  if (isCloudSupported(cloud)) return null;
  // A cloud in CLOUDS has its sentence; a value from a newer Batchdeck's rows has none.
  return (NOT_YET_SUPPORTED as Partial<Record<Cloud, string>>)[cloud] ?? `${cloud} accounts are not supported by this version of Batchdeck.`;
}

/** The descriptor of a cloud, or null (with unsupportedReason saying why) when this build has none. */
export function descriptorOf(cloud: Cloud): CloudDescriptor | null {
  return isCloudSupported(cloud) ? CLOUD_DESCRIPTORS[cloud] : null;
}

/**
 * Builds the provider for one account. An account of a cloud without an adapter (e.g. a row written by
 * a newer Batchdeck) fails with `invalid_request` and says so, instead of half-working.
 */
export function createProvider(account: ProviderAccount): CloudProvider {
  const cloud = account.cloud;
  if (!isCloudSupported(cloud)) {
    throw new ProviderError("invalid_request", unsupportedReason(cloud)!, { providerCode: "CloudNotSupported" });
  }
  return CLOUD_DESCRIPTORS[cloud].createProvider(account);
}
