"use server";

import { defineAction } from "@/lib/actions/define-action";
import { rerunInput, stopManyInput } from "@/lib/services/executions/schemas";
import { rerunExecution } from "@/lib/services/executions/rerun";
import { stopExecutions } from "@/lib/services/executions/stop-many";

// A re-run is a start (audited as one, naming the run it repeats); stopping several is one Stop per run.
export const rerunAction = defineAction({ name: "execution.start", permission: "executions:run", input: rerunInput, run: rerunExecution, revalidate: "layout" });

export const stopManyAction = defineAction({ name: "execution.stop", permission: "executions:run", input: stopManyInput, run: stopExecutions, revalidate: "layout" });
