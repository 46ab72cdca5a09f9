import { createLoader, createSerializer, parseAsStringLiteral } from "nuqs/server";
import { CURRENCIES } from "@/lib/usage/currency";

// The Usage page's URL state: the currency amounts are shown in (USD unless ?currency=JPY or EUR).

export const usageParams = { currency: parseAsStringLiteral(CURRENCIES).withDefault("USD") };
export const loadUsageParams = createLoader(usageParams);
export const usageHref = createSerializer(usageParams);
