import { describe, expect, it } from "vitest";
import { clientIp, isLoopbackIp, socketIp } from "@/lib/http/client-ip";
import { forwardedChain, normalizeSocketAddress } from "@/lib/http/request-guard.mjs";

const h = (xff?: string, extra: Record<string, string> = {}) =>
  new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...extra });

/** What the app sees for a request that arrived with `incoming` from `socket`, behind `hops`. */
const seen = (incoming: string | undefined, socket: string, hops: number) =>
  clientIp(h(forwardedChain(incoming, socket, hops)), hops);

describe("the forwarded chain the server writes", () => {
  it("with no trusted proxy (0) is the socket's address alone, whatever the client wrote", () => {
    expect(forwardedChain("6.6.6.6", "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(forwardedChain("6.6.6.6, 7.7.7.7", "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(forwardedChain(undefined, "203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("keeps only the entries the trusted proxies appended, then the socket", () => {
    // One proxy (10.0.0.2) appended the client (203.0.113.7) to what the client wrote (6.6.6.6).
    expect(forwardedChain("6.6.6.6, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7, 10.0.0.2");
    // Two proxies: a CDN appended the client, the load balancer (10.0.0.3) appended the CDN.
    expect(forwardedChain("6.6.6.6, 203.0.113.7, 198.51.100.9", "10.0.0.3", 2)).toBe(
      "203.0.113.7, 198.51.100.9, 10.0.0.3",
    );
    // Several X-Forwarded-For lines count as one list, in order.
    expect(forwardedChain(["6.6.6.6", "203.0.113.7"], "10.0.0.2", 1)).toBe("203.0.113.7, 10.0.0.2");
  });

  it("writes an IPv4 client of a dual-stack socket as IPv4, and keeps IPv6", () => {
    expect(normalizeSocketAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(forwardedChain(undefined, "::1", 0)).toBe("::1");
    expect(forwardedChain(undefined, "2001:DB8::7", 0)).toBe("2001:db8::7");
    expect(normalizeSocketAddress(undefined)).toBe("unknown");
  });
});

describe("client address", () => {
  it("is the socket's address at hops 0, however the client rotates X-Forwarded-For", () => {
    for (const spoof of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "::1", "127.0.0.1", undefined]) {
      expect(seen(spoof, "::ffff:198.51.100.4", 0)).toBe("198.51.100.4");
    }
  });

  it("is the address the trusted proxy saw at hops 1 and 2, not what the client wrote", () => {
    expect(seen("6.6.6.6, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(seen("6.6.6.6, 5.5.5.5, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(seen("6.6.6.6, 203.0.113.7, 198.51.100.9", "10.0.0.3", 2)).toBe("203.0.113.7");
    expect(seen("2001:db8::7", "10.0.0.2", 1)).toBe("2001:db8::7");
  });

  it("on Vercel (hops 1, the header holds only the client Vercel wrote) is that client", () => {
    expect(clientIp(h("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(h("2001:DB8::1"), 1)).toBe("2001:db8::1");
  });

  it("with fewer entries than hops (a proxy missing) is the leftmost there is", () => {
    expect(clientIp(h("203.0.113.7"), 3)).toBe("203.0.113.7");
    expect(seen(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });

  it("normalises and bounds what becomes part of a key; no header is unknown", () => {
    expect(clientIp(h("::FFFF:192.0.2.1"), 0)).toBe("192.0.2.1");
    expect(clientIp(h(`1.2.3.4<script>${"9".repeat(100)}`), 0)).toHaveLength(64);
    expect(clientIp(h(), 0)).toBe("unknown");
    expect(clientIp(h(undefined, { "x-real-ip": "198.51.100.4" }), 0)).toBe("unknown");
  });
});

describe("socket address", () => {
  it("is the last entry, the one the server wrote", () => {
    expect(socketIp(h(forwardedChain("127.0.0.1", "203.0.113.7", 1)))).toBe("203.0.113.7");
    expect(socketIp(h(forwardedChain("8.8.8.8", "::ffff:127.0.0.1", 1)))).toBe("127.0.0.1");
    expect(socketIp(h())).toBe("unknown");
  });

  it("is loopback only for 127.0.0.0/8 and ::1", () => {
    for (const ip of ["127.0.0.1", "127.1.2.3", "::1"]) expect(isLoopbackIp(ip)).toBe(true);
    for (const ip of ["10.0.0.1", "192.168.1.5", "::", "unknown", "1270.0.0.1", "::2"]) {
      expect(isLoopbackIp(ip)).toBe(false);
    }
  });
});
