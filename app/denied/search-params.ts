import { createLoader } from "nuqs/server";
import { parseAsText } from "@/lib/url-state/parsers";

// The "not a member yet" page's URL: the address that tried, and why it was refused
// (lib/auth/sign-in-limits.ts writes both). Shown as text only.

export const deniedSearchParams = {
  email: parseAsText(254),
  reason: parseAsText(64),
};

export const loadDeniedParams = createLoader(deniedSearchParams);
