"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { inviteMember } from "@/lib/services/members/invite";
import { revokeInvitation } from "@/lib/services/members/revoke-invitation";
import { changeRole } from "@/lib/services/members/change-role";
import { removeMember } from "@/lib/services/members/remove";
import { changeRoleInput, invitationIdInput, inviteInput, memberIdInput } from "@/lib/services/members/schemas";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";

/** Refreshes the members page after a change, so every open list shows it. */
function refreshing<I, T>(run: (ctx: ServiceContext, input: I) => Promise<ServiceOutcome<T>>) {
  return async (ctx: ServiceContext, input: I) => {
    const outcome = await run(ctx, input);
    revalidatePath("/members");
    return outcome;
  };
}

export const inviteMemberAction = defineAction({ name: "member.invite", permission: "members:manage", input: inviteInput, run: refreshing(inviteMember) });

export const revokeInvitationAction = defineAction({
  name: "invitation.revoke",
  permission: "members:manage",
  input: invitationIdInput,
  run: refreshing(revokeInvitation),
});

export const changeRoleAction = defineAction({ name: "member.change_role", permission: "members:manage", input: changeRoleInput, run: refreshing(changeRole) });

export const removeMemberAction = defineAction({ name: "member.remove", permission: "members:manage", input: memberIdInput, run: refreshing(removeMember) });
