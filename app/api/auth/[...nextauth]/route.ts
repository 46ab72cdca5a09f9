import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientAddressFrom, withClientAddress } from "@/lib/auth/client-address";
import { authOptions } from "@/lib/auth/options";
import { serverEnv } from "@/lib/env";

// Built per request from the validated environment (not at import), so `next build` needs no secrets.
// next-auth's callbacks don't get the request, so the client's address (for the sign-in rate limits) is
// put where they can read it for the length of this request.
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const address = clientAddressFrom(request.headers, serverEnv().BATCHDECK_TRUSTED_PROXY_HOPS);
  return withClientAddress(address, () => NextAuth(authOptions())(request, context));
}

export { handler as GET, handler as POST };
