"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setBudget, setBudgetInput, setRate, setRateInput } from "@/lib/services/usage/settings";

const owner = { permission: "usage:budgets", revalidate: "/usage/settings" } as const;

export const setBudgetAction = defineAction({ ...owner, name: "usage.budget.set", input: setBudgetInput, run: setBudget });

export const setRateAction = defineAction({ ...owner, name: "usage.rate.set", input: setRateInput, run: setRate });
