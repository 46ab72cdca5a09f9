import { describe, expect, it } from "vitest";
import type { ProviderExecution } from "@/lib/providers/types";
import { latestSeen, nextWatermark, OVERLAP_MS, readWatermark, watermarkCursor } from "./watermark";

const at = (iso: string) => new Date(iso);
const run = (startedAt: string | null, endedAt: string | null) => ({ startedAt: startedAt ? at(startedAt) : null, endedAt: endedAt ? at(endedAt) : null }) as ProviderExecution;
const idle = { earliestStart: null, undated: false };

describe("the sync's watermark", () => {
  it("is the latest start or end the cloud reported", () => {
    expect(latestSeen([run("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z"), run("2026-11-20T10:30:00Z", null)], null)).toEqual(at("2026-11-20T11:00:00Z"));
    expect(latestSeen([run("2026-11-20T10:00:00Z", null)], at("2026-11-20T12:00:00Z"))).toEqual(at("2026-11-20T12:00:00Z"));
    expect(latestSeen([run(null, null)], null)).toBeNull();
  });

  it("stays OVERLAP_MS behind it, never goes back, and keeps the previous one when nothing was listed", () => {
    expect(nextWatermark(at("2026-11-20T12:00:00Z"), null, idle)).toEqual(new Date(at("2026-11-20T12:00:00Z").getTime() - OVERLAP_MS));
    expect(nextWatermark(at("2026-11-20T10:30:00Z"), at("2026-11-20T11:00:00Z"), idle)).toEqual(at("2026-11-20T11:00:00Z"));
    expect(nextWatermark(null, at("2026-11-20T11:00:00Z"), idle)).toEqual(at("2026-11-20T11:00:00Z"));
    expect(nextWatermark(null, null, idle)).toBeNull();
  });

  it("never passes the start of a run the catalog holds as going, and gives up on one with no start", () => {
    expect(nextWatermark(at("2026-11-20T12:00:00Z"), null, { earliestStart: at("2026-11-19T08:00:00Z"), undated: false })).toEqual(at("2026-11-19T08:00:00Z"));
    expect(nextWatermark(at("2026-11-20T12:00:00Z"), at("2026-11-20T11:30:00Z"), { earliestStart: at("2026-11-20T11:50:00Z"), undated: false })).toEqual(at("2026-11-20T11:30:00Z"));
    expect(nextWatermark(at("2026-11-20T12:00:00Z"), null, { earliestStart: at("2026-11-19T08:00:00Z"), undated: true })).toBeNull();
  });

  it("round-trips through the account's sync_cursor, and an unreadable one means a full listing", () => {
    expect(readWatermark(watermarkCursor(at("2026-11-20T11:00:00.123Z")))).toEqual(at("2026-11-20T11:00:00.123Z"));
    expect(watermarkCursor(null)).toBeNull();
    expect(readWatermark(null)).toBeNull();
    expect(readWatermark({ executionsSince: "yesterday" })).toBeNull();
    expect(readWatermark("2026-11-20T11:00:00Z")).toBeNull();
  });
});
