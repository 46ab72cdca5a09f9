import { createLoader, parseAsString } from "nuqs/server";
import { parseAsIntegerIn } from "@/lib/url-state/parsers";

// The sign-in page's URL: where to go after signing in (checked to be this site by the page), next-auth's
// error code, and how many minutes a sign-in limit asks to wait (lib/auth/sign-in-limits.ts).

export const signInSearchParams = {
  callbackUrl: parseAsString,
  error: parseAsString,
  wait: parseAsIntegerIn(1, 24 * 60),
};

export const loadSignInParams = createLoader(signInSearchParams);
