import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

// Shared by the server actions, the forms and the tests: one definition of valid input.

export const roleSchema = z.enum(ROLES, { error: "Choose one of: owner, admin, operator, viewer." });

export const inviteInput = z.object({
  email: z
    .string({ error: "Enter an email address." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "That is not a valid email address (e.g. name@lab.example.edu)." })),
  role: roleSchema,
});

export const invitationIdInput = z.object({ invitationId: z.string().min(1, "Missing invitation.") });

export const changeRoleInput = z.object({ userId: z.string().min(1, "Missing member."), role: roleSchema });

export const memberIdInput = z.object({ userId: z.string().min(1, "Missing member.") });
