"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createChannel } from "@/lib/services/alerts/create";
import { deleteChannel } from "@/lib/services/alerts/delete";
import { sendTestAlert } from "@/lib/services/alerts/send-test";
import { channelIdInput, createChannelInput } from "@/lib/services/alerts/schemas";

const manage = { permission: "alerts:manage", revalidate: "/alerts" } as const;

export const createChannelAction = defineAction({ ...manage, name: "alert_channel.create", input: createChannelInput, run: createChannel });

export const deleteChannelAction = defineAction({ ...manage, name: "alert_channel.delete", input: channelIdInput, run: deleteChannel });

export const sendTestAlertAction = defineAction({ ...manage, name: "alert_channel.test", input: channelIdInput, run: sendTestAlert });
