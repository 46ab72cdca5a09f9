import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { findChannel } from "./find";
import type { channelIdInput } from "./schemas";

// Deleting a channel drops its sealed URL and its delivery history with it: nothing will be sent there again.

export async function deleteChannel({ audit }: ServiceContext, input: z.infer<typeof channelIdInput>): Promise<ServiceOutcome<null>> {
  const channel = await findChannel(input.channelId);
  const audited = await db().$transaction(async (tx) => {
    const { count } = await tx.alertChannel.deleteMany({ where: { id: channel.id } });
    if (count === 0) throw new AppError("not_found", `${channel.name} was deleted already. Reload the page.`);
    return audit(tx, { targetType: "alert_channel", targetId: channel.id, target: channel.name });
  });
  return { data: null, message: `${channel.name} deleted: no more alerts go to it.`, audited };
}
