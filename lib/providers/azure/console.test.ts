import { describe, expect, it } from "vitest";
import { azureConsoleUrl } from "./console";

describe("the Azure portal link of an execution", () => {
  const settings = { tenantId: "contoso.onmicrosoft.com", subscriptionId: "00000000-0000-0000-0000-000000000001", resourceGroup: "rg-batch" };
  const job = { providerId: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-batch/providers/Microsoft.App/jobs/nightly-etl", name: "nightly-etl" };

  it("opens the job's execution history in the account's directory", () => {
    expect(azureConsoleUrl({ settings }, job, { providerId: "nightly-etl-ab12cd3" })).toBe(
      "https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-batch/providers/Microsoft.App/jobs/nightly-etl/executionHistory",
    );
  });

  it("has no link when the account's settings can't name the job", () => {
    expect(azureConsoleUrl({ settings: { tenantId: "t" } }, job, { providerId: "nightly-etl-ab12cd3" })).toBeNull();
  });
});
