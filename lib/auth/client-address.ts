import { AsyncLocalStorage } from "node:async_hooks";

// next-auth v4's callbacks are not given the request, so the auth route (app/api/auth/[...nextauth])
// runs each request inside this store with the client's address, and the signIn callback reads it here.

const store = new AsyncLocalStorage<string>();

/** Shared by callers outside the auth route, where there is no request and so no address. */
const NO_REQUEST = "unknown";

/**
 * The client's address as far as it can be trusted. A route handler never sees the socket: Next.js puts
 * the socket's address in X-Forwarded-For only when the request has none (`??=` in next/dist/server/
 * base-server.js), and each reverse proxy appends the address it received the request from. So with
 * `trustedProxyHops` proxies in front, the entry that many places from the right is the address the
 * outermost proxy saw, and everything left of it is the client's own claim. With none (Batchdeck serving
 * clients directly) the rightmost entry is the socket's address, unless the client sent its own header, in
 * which case it picks its own bucket: the per-address limit is then best effort, while the per-email limit
 * (the email comes from Google's signed id_token) still holds. X-Real-IP is not used: nothing we control
 * sets it, so it is always the client's claim. Set BATCHDECK_TRUSTED_PROXY_HOPS behind a proxy.
 */
export function clientAddressFrom(headers: Headers, trustedProxyHops: number): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // Fewer hops than proxies means a proxy did not append: the leftmost entry is the best there is.
  return hops.at(-Math.max(1, trustedProxyHops)) ?? hops[0] ?? NO_REQUEST;
}

export function withClientAddress<T>(address: string, fn: () => T): T {
  return store.run(address, fn);
}

export function currentClientAddress(): string {
  return store.getStore() ?? NO_REQUEST;
}
