import { describe, expect, it } from "vitest";
import { GET as devErrorRoute } from "@/app/dev/errors/route/route";
import { devToolsAllowed } from "@/lib/http/dev-tools";
import { forwardedChain } from "@/lib/http/request-guard.mjs";

// Dev tools are on under Vitest (NODE_ENV=test). Whether they answer depends on the socket the
// server recorded last in X-Forwarded-For (scripts/serve.mjs), never on what the client claimed.

/** The headers the app sees for a request from `socket` that claimed `claimed`, behind `hops`. */
const from = (socket: string, claimed?: string, hops = 0) =>
  new Headers({ "x-forwarded-for": forwardedChain(claimed, socket, hops) });

describe("dev tools", () => {
  it("answer a connection from this machine, whatever it claims", () => {
    expect(devToolsAllowed(from("127.0.0.1"))).toBe(true);
    expect(devToolsAllowed(from("::1", "203.0.113.7"))).toBe(true);
    expect(devToolsAllowed(from("::ffff:127.0.0.1", "203.0.113.7", 1))).toBe(true);
  });

  it("refuse a connection from another machine that claims to be loopback", () => {
    expect(devToolsAllowed(from("192.0.2.9", "127.0.0.1"))).toBe(false);
    expect(devToolsAllowed(from("192.0.2.9", "127.0.0.1", 1))).toBe(false);
    expect(devToolsAllowed(from("2001:db8::9", "::1"))).toBe(false);
    expect(devToolsAllowed(new Headers())).toBe(false);
  });

  it("/dev/errors/route is a 404 from another machine and works from this one", async () => {
    const get = async (headers: Headers) =>
      devErrorRoute(new Request("http://localhost/dev/errors/route?kind=expected", { headers }));
    const remote = await get(from("192.0.2.9", "127.0.0.1"));
    expect(remote.status).toBe(404);
    expect(await remote.json()).toMatchObject({ code: "not_found", detail: "Not found." });
    // From loopback the route does its job: it throws its deliberate error.
    await expect(get(from("127.0.0.1"))).rejects.toThrow("Nothing here (an expected error).");
  });
});
