import { describe, expect, it } from "vitest";
import { budgetMessage, type BudgetCrossing } from "./budget-message";

// The email form of a budget alert, exactly: what a lab's inbox receives when SMTP is configured.

const crossing: BudgetCrossing = {
  holderKey: "group:lab-billing",
  holderName: "Billing group lab-billing",
  month: new Date("2026-11-01T00:00:00Z"),
  threshold: "80",
  costMicros: 8_123_456n,
  forecastMicros: 12_500_000n,
  budgetMicros: 10_000_000n,
};
const url = "https://batchdeck.lab.example.edu/usage";

describe("budget alert by email", () => {
  it("says the threshold, the month, the amounts and where to look", () => {
    expect(budgetMessage(crossing, url).email()).toEqual({
      subject: "Batchdeck: Billing group lab-billing: 80% of the 2026-11 budget used ($8.12 of $10.00)",
      text: "Billing group lab-billing: 80% of the 2026-11 budget used ($8.12 of $10.00)\n\nUsage: https://batchdeck.lab.example.edu/usage\n",
    });
  });

  it("says what the forecast crosses", () => {
    expect(budgetMessage({ ...crossing, threshold: "forecast" }, url).email()).toEqual({
      subject: "Batchdeck: Billing group lab-billing: 2026-11 is forecast to cost $12.50, over its budget of $10.00",
      text: "Billing group lab-billing: 2026-11 is forecast to cost $12.50, over its budget of $10.00\n\nUsage: https://batchdeck.lab.example.edu/usage\n",
    });
  });
});
