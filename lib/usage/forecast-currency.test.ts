import { describe, expect, it } from "vitest";
import { forecastFromRecentRate } from "./compute";
import { convertMicros, formatMoney, microsToDecimal, parseRate, parseUsd, USD } from "./currency";

describe("the forecast from the recent rate (hand-computed)", () => {
  it("averages the last seven UTC days up to now and extends that pace to the month's end", () => {
    // 10 Nov 12:00: the window is 4 Nov 00:00 → now, 6.5 days, holding 7 × 1,300 = 9,100; 1,400 a day.
    // November ends 1 Dec 00:00, 20.5 days later: 20,000 so far + 1,400 × 20.5 = 48,700.
    const daily = [500, 500, 500, 1300, 1300, 1300, 1300, 1300, 1300, 1300];
    const f = forecastFromRecentRate(20_000, daily, new Date("2026-11-10T12:00:00Z"));
    expect(f).toEqual({ total: 48_700, perDay: 1_400, windowStart: new Date("2026-11-04T00:00:00Z"), windowDays: 6.5, daysLeft: 20.5 });
  });

  it("early in the month uses the days there are: 1,250 over 1.25 days is 1,000 a day", () => {
    const f = forecastFromRecentRate(1_250, [1_000, 250], new Date("2026-11-02T06:00:00Z"));
    expect(f.total).toBe(1_250 + 28_750);
    expect([f.perDay, f.windowDays, f.daysLeft]).toEqual([1_000, 1.25, 28.75]);
  });

  it("does not explode in the first minutes of the month: the window is at least an hour", () => {
    // 10 units in the first minute, measured over an hour: 240 a day, for 31 days less one minute (December).
    const f = forecastFromRecentRate(10, [10], new Date("2026-12-01T00:01:00Z"));
    expect(f.perDay).toBe(240);
    expect(f.total).toBe(Math.round(10 + 240 * (31 - 1 / 1440)));
  });
});

describe("currency conversion in integer micro-units (hand-computed)", () => {
  it("converts USD micro-units at the owner's rate, rounding half away from zero", () => {
    // $12.345678 × 155.25 = ¥1,916.6665095 → 1,916,666,509.5 micro-yen → 1,916,666,510.
    expect(convertMicros(12_345_678n, 155_250_000n)).toBe(1_916_666_510n);
    // $12.345678 × 0.92 = €11.35802376 → 11,358,023.76 → 11,358,024.
    expect(convertMicros(12_345_678n, 920_000n)).toBe(11_358_024n);
    expect(convertMicros(1n, 500_000n)).toBe(1n);
    expect(convertMicros(-1n, 500_000n)).toBe(-1n);
    expect(convertMicros(0n, 155_250_000n)).toBe(0n);
  });

  it("formats in the currency's minor unit: the yen has none", () => {
    expect(formatMoney(12_345_678n, { currency: "JPY", perUsdMillionths: 155_250_000n })).toBe("¥1,917");
    expect(formatMoney(12_345_678n, { currency: "EUR", perUsdMillionths: 920_000n })).toBe("€11.36");
    expect(formatMoney(1_234_567_890n, USD)).toBe("$1,234.57");
    expect(microsToDecimal(1_005_000n, 2)).toBe("1.01");
    expect(microsToDecimal(4_999n, 2)).toBe("0.00");
    expect(microsToDecimal(-2_500_000n, 0)).toBe("-3");
  });

  it("reads what an owner types, exactly, and refuses anything else", () => {
    expect(parseRate("155.25")).toBe(155_250_000n);
    expect(parseRate(" 0.92 ")).toBe(920_000n);
    expect([parseRate("0"), parseRate("1.1234567"), parseRate("-3"), parseRate("1e3"), parseRate("")]).toEqual([null, null, null, null, null]);
    expect(parseUsd("25.5")).toBe(25_500_000n);
    expect(parseUsd("0")).toBe(0n);
    expect([parseUsd("12,5"), parseUsd("-1")]).toEqual([null, null]);
  });
});
