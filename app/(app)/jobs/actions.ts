"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { startInput, stopInput } from "@/lib/services/executions/schemas";
import { startRun } from "@/lib/services/executions/start";
import { stopRun } from "@/lib/services/executions/stop";
import { redeployInput } from "@/lib/services/jobs/schemas";
import { redeployJob } from "@/lib/services/jobs/redeploy";

export const startRunAction = defineAction({
  name: "execution.start",
  permission: "executions:run",
  input: startInput,
  run: async (ctx, input) => {
    const outcome = await startRun(ctx, input);
    revalidatePath("/", "layout");
    return outcome;
  },
});

export const stopRunAction = defineAction({
  name: "execution.stop",
  permission: "executions:run",
  input: stopInput,
  run: async (ctx, input) => {
    const outcome = await stopRun(ctx, input);
    revalidatePath("/", "layout");
    return outcome;
  },
});

export const redeployAction = defineAction({
  name: "job.redeploy",
  permission: "jobs:redeploy",
  input: redeployInput,
  run: async (ctx, input) => {
    const outcome = await redeployJob(ctx, input);
    revalidatePath("/jobs");
    return outcome;
  },
});
