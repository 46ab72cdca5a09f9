import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Sim, type SimAccount } from "./harness";
import type { AzureProvider } from "../../../lib/providers/azure/provider";

let sim: Sim;
let account: SimAccount;
let provider: AzureProvider;
const byBatch: Record<string, string[]> = { no1: [], no2: [] };

beforeAll(async () => {
  ({ sim, account, provider } = await startHarness());
  const created = sim.azure.createJob({
    subscriptionId: account.subscriptionId,
    resourceGroup: account.resourceGroup,
    name: "etl",
    triggerType: "Manual",
    image: "lab/etl:1.0.0",
    durationSeconds: 30,
  });
  const job = { providerId: created.id, name: created.name };
  for (const [batch, key] of [["no1", "k1"], ["no2", "k2"], ["no1", "k3"]] as const) {
    const { providerId } = await provider.startExecution({ job, overrides: { BATCH: batch }, requestKey: key });
    byBatch[batch]!.push(providerId);
  }
  sim.clock.advance(120);
});

afterAll(async () => {
  await sim?.close();
});

const queries = () => sim.requests().filter((r) => r.method === "POST" && r.path.includes("/query"));

describe("Azure adapter ↔ simulator: logs", () => {
  it("reads the logs of one execution", async () => {
    const [one] = byBatch.no2!;
    const page = await provider.readLogs([one!], {}, null);
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((l) => l.executionProviderId))).toEqual(new Set([one]));
  });

  it("batch logs hold only that batch's lines, filtered by Log Analytics itself", async () => {
    const before = queries().length;
    const page = await provider.readLogs(byBatch.no1!, { limit: 1000 }, null);
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((l) => l.executionProviderId))).toEqual(new Set(byBatch.no1));
    const sent = queries().slice(before);
    expect(sent).toHaveLength(1);
    const { query } = sent[0]!.body as { query: string };
    for (const name of byBatch.no1!) expect(query).toContain(`ContainerGroupName_s startswith "${name}"`);
    for (const name of byBatch.no2!) expect(query).not.toContain(name);
    // The server answered only the rows we kept: nothing of batch no2 crossed the wire.
    const response = JSON.stringify(sent[0]!.responseBody);
    for (const name of byBatch.no2!) expect(response).not.toContain(name);
    const rows = (sent[0]!.responseBody as { tables: { rows: unknown[] }[] }).tables[0]!.rows;
    expect(rows).toHaveLength(page.items.length);
  });

  it("pages with a cursor and filters text on the server", async () => {
    const all = await provider.readLogs(byBatch.no1!, { limit: 1000 }, null);
    const first = await provider.readLogs(byBatch.no1!, { limit: 2 }, null);
    expect(first.cursor).not.toBeNull();
    const rest = await provider.readLogs(byBatch.no1!, { limit: 1000 }, first.cursor);
    expect([...first.items, ...rest.items].map((l) => l.message)).toEqual(all.items.map((l) => l.message));
    const word = all.items[0]!.message.split(/\s+/)[0]!;
    const filtered = await provider.readLogs(byBatch.no1!, { contains: word }, null);
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((l) => l.message.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const hostile = await provider.readLogs(byBatch.no1!, { contains: '" or Log_s contains "' }, null);
    expect(hostile.items).toEqual([]);
  });
});
