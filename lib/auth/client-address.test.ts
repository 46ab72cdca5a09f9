import { describe, expect, it } from "vitest";
import { clientAddressFrom, currentClientAddress, withClientAddress } from "./client-address";

const forwarded = (value?: string) => new Headers(value === undefined ? {} : { "x-forwarded-for": value });

describe("the client's address", () => {
  it("with no trusted proxy, is the rightmost X-Forwarded-For entry (Next.js puts the socket's address there)", () => {
    expect(clientAddressFrom(forwarded("127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddressFrom(forwarded("10.9.9.9, 203.0.113.5"), 0)).toBe("203.0.113.5");
  });

  it("behind trusted proxies, is the address the outermost one saw, not what the client claimed", () => {
    // client claims 1.1.1.1; proxy 1 saw 203.0.113.5; proxy 2 saw proxy 1 (10.0.0.2).
    expect(clientAddressFrom(forwarded("1.1.1.1, 203.0.113.5, 10.0.0.2"), 2)).toBe("203.0.113.5");
    expect(clientAddressFrom(forwarded("1.1.1.1,203.0.113.5"), 1)).toBe("203.0.113.5");
    expect(clientAddressFrom(forwarded(" 203.0.113.5 "), 3)).toBe("203.0.113.5");
  });

  it("is 'unknown' without a header or outside a request", () => {
    expect(clientAddressFrom(forwarded(), 0)).toBe("unknown");
    expect(clientAddressFrom(forwarded(" , "), 1)).toBe("unknown");
    expect(currentClientAddress()).toBe("unknown");
  });

  it("is what the auth route set, through awaits, for that request only", async () => {
    const seen = await Promise.all(
      ["203.0.113.1", "203.0.113.2"].map((address) =>
        withClientAddress(address, async () => {
          await new Promise((r) => setTimeout(r, 5));
          return currentClientAddress();
        }),
      ),
    );
    expect(seen).toEqual(["203.0.113.1", "203.0.113.2"]);
  });
});
