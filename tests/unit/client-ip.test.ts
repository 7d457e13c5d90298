import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";

const h = (xff?: string, extra: Record<string, string> = {}) =>
  new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...extra });

describe("client address", () => {
  it("takes the address the trusted proxies saw, not what the client wrote", () => {
    expect(clientIp(h("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(h("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientIp(h("203.0.113.7"), 3)).toBe("203.0.113.7");
  });

  it("normalises and bounds what becomes part of a key", () => {
    expect(clientIp(h("2001:DB8::1"), 1)).toBe("2001:db8::1");
    expect(clientIp(h(`1.2.3.4<script>${"9".repeat(100)}`), 1)).toHaveLength(64);
    expect(clientIp(h(undefined, { "x-real-ip": "198.51.100.4" }), 1)).toBe("198.51.100.4");
    expect(clientIp(h(), 1)).toBe("unknown");
  });
});
