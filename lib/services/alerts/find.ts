import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function findChannel(channelId: string) {
  const channel = await db().alertChannel.findUnique({ where: { id: channelId } });
  if (!channel) throw new AppError("not_found", "That alert channel no longer exists. Reload the page.");
  return channel;
}
