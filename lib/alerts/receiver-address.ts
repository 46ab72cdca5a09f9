import { BlockList, isIP } from "node:net";

// Where a webhook may be sent. A webhook URL is typed by a member, and the server posts to it: without
// these checks it would reach the lab's own network (the database, a cloud's metadata endpoint at
// 169.254.169.254) for whoever can add a channel. OWASP's advice is followed: allow only https, check the
// addresses the name resolves to (not just the name), and connect to the address that was checked, so a
// name that resolves differently the second time (DNS rebinding) gets nowhere; never follow redirects.
// https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html

/** Loopback, private, link-local, shared, reserved and multicast ranges: never a webhook receiver. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) NOT_PUBLIC.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["64:ff9b::", 96]] as const)
  NOT_PUBLIC.addSubnet(net, prefix, "ipv6");
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it is. */
function unmapped(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

/**
 * Loopback receivers (a test's or the demo's own) are allowed in demo mode and tests only, the same
 * places the cloud simulator's origin is (lib/env.ts); everywhere else an alert leaves the machine.
 */
export function loopbackReceiversAllowed(source: Record<string, string | undefined> = process.env): boolean {
  return source.BATCHDECK_DEMO === "1" || source.NODE_ENV === "test";
}

/** Why an alert may not be sent to this address, or null when it may. */
export function receiverAddressProblem(address: string, loopbackAllowed: boolean): string | null {
  const ip = unmapped(address);
  if (loopbackAllowed && LOOPBACK.check(ip.address, ip.family)) return null;
  if (NOT_PUBLIC.check(ip.address, ip.family)) {
    return `${address} is a private, loopback or link-local address: alerts only go to receivers on the internet.`;
  }
  return null;
}
