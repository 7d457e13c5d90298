import { BlockList, isIP } from "node:net";

/**
 * Where a session's stored address is, in words, for the account page, as far as we can tell
 * without a location database: the app ships none (a GeoIP database would be a new dependency
 * with its own licence and monthly updates) and never asks an online service. So: this computer,
 * a private or test network, or, for a public address, an honest "location not looked up" next
 * to the address itself. It never names a place it does not know.
 */
export interface PlaceDescription {
  kind: "none" | "loopback" | "private" | "reserved" | "public";
  label: string;
}

function ranges(list: [string, number, "ipv4" | "ipv6"][]): BlockList {
  const blocks = new BlockList();
  for (const [network, prefix, family] of list) blocks.addSubnet(network, prefix, family);
  return blocks;
}

const LOOPBACK = ranges([
  ["127.0.0.0", 8, "ipv4"],
  ["::1", 128, "ipv6"],
]);

/** RFC 1918, carrier-grade NAT (RFC 6598), link-local, and IPv6 unique- and link-local. */
const PRIVATE = ranges([
  ["10.0.0.0", 8, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
]);

/** Documentation and benchmarking ranges (RFC 5737, RFC 2544, RFC 3849): never a real client. */
const RESERVED = ranges([
  ["192.0.2.0", 24, "ipv4"],
  ["198.51.100.0", 24, "ipv4"],
  ["203.0.113.0", 24, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["2001:db8::", 32, "ipv6"],
]);

export function describePlace(address: string | null | undefined): PlaceDescription {
  let ip = address?.trim() ?? "";
  // An IPv4 client seen through an IPv6 socket: ::ffff:203.0.113.9.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  const version = isIP(ip);
  if (version === 0) return { kind: "none", label: "Address not recorded" };
  const family = version === 4 ? "ipv4" : "ipv6";
  if (LOOPBACK.check(ip, family)) return { kind: "loopback", label: "This computer (local)" };
  if (PRIVATE.check(ip, family)) return { kind: "private", label: "Private network" };
  if (RESERVED.check(ip, family)) return { kind: "reserved", label: "Test network" };
  return { kind: "public", label: "Location not looked up" };
}
