"use server";

import { defineAction } from "@/lib/actions/define-action";
import { startInput, stopInput } from "@/lib/services/executions/schemas";
import { startRun } from "@/lib/services/executions/start";
import { stopRun } from "@/lib/services/executions/stop";
import { redeployInput, sendMessageInput } from "@/lib/services/jobs/schemas";
import { redeployJob } from "@/lib/services/jobs/redeploy";
import { sendMessage } from "@/lib/services/jobs/send-message";

// Runs show on several pages (jobs, a job, executions, usage) and an image on the jobs list and the job page, so these refresh the whole app shell.
export const startRunAction = defineAction({ name: "execution.start", permission: "executions:run", input: startInput, run: startRun, revalidate: "layout" });

export const stopRunAction = defineAction({ name: "execution.stop", permission: "executions:run", input: stopInput, run: stopRun, revalidate: "layout" });

export const redeployAction = defineAction({ name: "job.redeploy", permission: "jobs:redeploy", input: redeployInput, run: redeployJob, revalidate: "layout" });

export const sendMessageAction = defineAction({ name: "job.send_message", permission: "executions:run", input: sendMessageInput, run: sendMessage, revalidate: "layout" });
