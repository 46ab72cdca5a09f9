"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setPriceOverride, setPriceOverrideInput } from "@/lib/services/usage/set-price-override";

export const setPriceOverrideAction = defineAction({
  name: "usage.set_price_override",
  permission: "usage:prices",
  input: setPriceOverrideInput,
  run: setPriceOverride,
  revalidate: "layout",
});
