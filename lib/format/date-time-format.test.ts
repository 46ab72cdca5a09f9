import { describe, expect, it } from "vitest";
import { dateTimeFormat } from "./date-time-format";

describe("dateTimeFormat", () => {
  it("builds one formatter per locale and options, and formats as a fresh one would", () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" };
    const first = dateTimeFormat("en", options);
    expect(dateTimeFormat("en", { ...options })).toBe(first);
    expect(dateTimeFormat("en", { ...options, timeZone: "UTC" })).not.toBe(first);
    expect(dateTimeFormat("de", options)).not.toBe(first);
    expect(first.format(Date.UTC(2026, 10, 30, 15, 4))).toBe("Dec 1, 2026, 12:04 AM");
  });
});
