import { describe, expect, it } from "vitest";
import { describePlace } from "@/lib/account/describe-place";

describe("describePlace", () => {
  it.each([
    ["127.0.0.1", "This computer (local)"],
    ["::1", "This computer (local)"],
    ["::ffff:127.0.0.1", "This computer (local)"],
    ["10.1.2.3", "Private network"],
    ["172.20.0.5", "Private network"],
    ["192.168.1.10", "Private network"],
    ["100.64.3.4", "Private network"],
    ["fd12:3456::1", "Private network"],
    ["fe80::1", "Private network"],
    ["198.18.4.5", "Test network"],
    ["203.0.113.9", "Test network"],
    ["2001:db8::7", "Test network"],
  ])("%s is %s", (address, label) => {
    expect(describePlace(address).label).toBe(label);
  });

  it("never invents a place for a public address", () => {
    for (const address of ["8.8.8.8", "172.32.0.1", "2a00:1450:4001::200e", "::ffff:1.1.1.1"]) {
      expect(describePlace(address)).toEqual({ kind: "public", label: "Location not looked up" });
    }
  });

  it("says when there is no usable address", () => {
    for (const address of [null, undefined, "", "unknown", "999.1.1.1", "1.2.3.4; rm"]) {
      expect(describePlace(address).kind).toBe("none");
    }
  });
});
