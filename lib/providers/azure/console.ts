import { azureSettingsSchema } from "./settings";

// A link to one execution in the Azure portal. The portal opens any resource at
// https://portal.azure.com/#@<tenant>/resource<ARM resource id>/<blade> (the address the portal shows for
// a resource; the tenant part picks the directory to sign in to; public tooling builds job links the same
// way, e.g. ".../resource/subscriptions/…/providers/Microsoft.App/jobs/<job>/overview"). A job's runs are
// listed by execution name on its "Execution history" blade
// (https://learn.microsoft.com/azure/container-apps/jobs, "Job executions"); the portal has no address for
// one execution, so the link opens that list and the page shows the execution's name beside it.
// Checked offline against those sources only: the blade slug "executionHistory" is the portal's menu id.

const PORTAL = "https://portal.azure.com";

export function azureConsoleUrl(account: { settings: unknown }, job: { providerId: string; name: string }, execution: { providerId: string }): string | null {
  const settings = azureSettingsSchema.safeParse(account.settings);
  if (!settings.success || !execution.providerId) return null;
  const { tenantId, subscriptionId, resourceGroup } = settings.data;
  const path = ["subscriptions", subscriptionId, "resourceGroups", resourceGroup, "providers", "Microsoft.App", "jobs", job.name].map(encodeURIComponent).join("/");
  return `${PORTAL}/#@${encodeURIComponent(tenantId)}/resource/${path}/executionHistory`;
}
