"use server";

import { defineAction } from "@/lib/actions/define-action";
import { inviteMember } from "@/lib/services/members/invite";
import { revokeInvitation } from "@/lib/services/members/revoke-invitation";
import { changeRole } from "@/lib/services/members/change-role";
import { removeMember } from "@/lib/services/members/remove";
import { changeRoleInput, invitationIdInput, inviteInput, memberIdInput } from "@/lib/services/members/schemas";

const manage = { permission: "members:manage", revalidate: "/members" } as const;

export const inviteMemberAction = defineAction({ ...manage, name: "member.invite", input: inviteInput, run: inviteMember });

export const revokeInvitationAction = defineAction({ ...manage, name: "invitation.revoke", input: invitationIdInput, run: revokeInvitation });

export const changeRoleAction = defineAction({ ...manage, name: "member.change_role", input: changeRoleInput, run: changeRole });

export const removeMemberAction = defineAction({ ...manage, name: "member.remove", input: memberIdInput, run: removeMember });
