import { describe, expect, it } from "vitest";
import { SimClock } from "./clock";
import { FaultRegistry } from "./faults";
import { SeededRandom } from "./random";

describe("SimClock", () => {
  it("is frozen unless moved, moves forward only, and tells listeners", () => {
    const clock = new SimClock(new Date("2026-01-01T00:00:00Z"), false);
    const seen: string[] = [];
    clock.onChange((d) => seen.push(d.toISOString()));
    expect(clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    clock.advance(90);
    clock.set(new Date("2026-01-02T00:00:00Z"));
    expect(seen).toEqual(["2026-01-01T00:01:30.000Z", "2026-01-02T00:00:00.000Z"]);
    expect(() => clock.set(new Date("2025-01-01T00:00:00Z"))).toThrow(/forward/);
    expect(() => clock.advance(-1)).toThrow();
  });
});

describe("SeededRandom", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const draw = (r: SeededRandom) => [r.uuid(), r.string(7), r.int(1, 6), r.base64(8)];
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
    expect(first[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("FaultRegistry", () => {
  it("applies per account, counts down and validates", () => {
    const faults = new FaultRegistry();
    faults.add({ account: "a", kind: "throttle", count: 2 });
    expect(faults.take("b")).toBeNull();
    expect(faults.take("a")?.kind).toBe("throttle");
    expect(faults.take("a")?.kind).toBe("throttle");
    expect(faults.take("a")).toBeNull();
    faults.add({ account: "a", kind: "error5xx" });
    for (let i = 0; i < 5; i++) expect(faults.take("a")?.kind).toBe("error5xx");
    faults.clear("a");
    expect(faults.take("a")).toBeNull();
    expect(() => faults.add({ account: "a", kind: "boom" as never })).toThrow(/kind/);
    expect(() => faults.add({ account: "", kind: "hang" })).toThrow(/account/);
    expect(() => faults.add({ account: "a", kind: "error5xx", status: 418 })).toThrow(/status/);
  });

  it("narrows a fault to a method and path, and lets the first `after` matching requests through", () => {
    const faults = new FaultRegistry();
    faults.add({ account: "a", kind: "error5xx", method: "get", pathContains: "/Executions", after: 1, count: 1 });
    const list = { method: "GET", path: "/subscriptions/s/jobs/j/executions" };
    expect(faults.take("a", { method: "POST", path: "/subscriptions/s/jobs/j/start" })).toBeNull();
    expect(faults.take("a", list)).toBeNull();
    expect(faults.take("a", list)?.kind).toBe("error5xx");
    expect(faults.take("a", list)).toBeNull();
    expect(() => faults.add({ account: "a", kind: "latency", answerLate: "yes" as never })).toThrow(/answerLate/);
    expect(() => faults.add({ account: "a", kind: "latency", pathContains: "" })).toThrow(/pathContains/);
  });
});
