import { CLOUDS, type Cloud, type CloudProvider, type ProviderAccount } from "./types";
import { ProviderError } from "./errors";
import { createAzureProvider } from "./azure/provider";

// Which clouds this build can talk to. Two records keyed by the `Cloud` union: a cloud is either in
// PROVIDER_FACTORIES (it has an adapter) or in NOT_YET_SUPPORTED (with the sentence the UI shows).
// Adding a cloud to CLOUDS fails to compile until it is placed in one of them; moving a cloud into
// PROVIDER_FACTORIES is one line, and the compiler then insists it leaves NOT_YET_SUPPORTED.

export type ProviderFactory = (account: ProviderAccount) => CloudProvider;

const PROVIDER_FACTORIES = {
  azure: createAzureProvider,
} satisfies Partial<Record<Cloud, ProviderFactory>>;

export type SupportedCloud = keyof typeof PROVIDER_FACTORIES;

const NOT_YET_SUPPORTED: Record<Exclude<Cloud, SupportedCloud>, string> = {
  aws: "AWS accounts are not supported by this version of Batchdeck yet; the ECS adapter is on its way.",
  gcp: "Google Cloud accounts are not supported by this version of Batchdeck yet; the Cloud Run adapter is on its way.",
};

export function isCloudSupported(cloud: Cloud): cloud is SupportedCloud {
  return Object.hasOwn(PROVIDER_FACTORIES, cloud);
}

/** The clouds the UI may offer when adding an account, in CLOUDS order. */
export const SUPPORTED_CLOUDS: readonly SupportedCloud[] = CLOUDS.filter(isCloudSupported);

/** Why a cloud can't be added yet; null when it can. */
export function unsupportedReason(cloud: Cloud): string | null {
  return isCloudSupported(cloud) ? null : NOT_YET_SUPPORTED[cloud];
}

/**
 * Builds the provider for one account. An account of a cloud without an adapter (e.g. a row written by
 * a newer Batchdeck) fails with `invalid_request` and says so, instead of half-working.
 */
export function createProvider(account: ProviderAccount): CloudProvider {
  const cloud = account.cloud;
  if (!isCloudSupported(cloud)) {
    throw new ProviderError("invalid_request", NOT_YET_SUPPORTED[cloud], { providerCode: "CloudNotSupported" });
  }
  return PROVIDER_FACTORIES[cloud](account);
}
