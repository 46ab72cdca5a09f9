import { z } from "zod";
import type { AccountFieldGroup, CloudDescriptor } from "@/lib/providers/descriptor";
import { CLOUD_DESCRIPTORS, SUPPORTED_CLOUDS, type SupportedCloud } from "@/lib/providers/registry";

// The add and edit forms of any cloud's account: the fields every account has (cloud, name, read-only),
// then the cloud's own fields checked by its descriptor and sorted into settings, endpoints and secrets.

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const common = {
  cloud: z.string().refine((c) => (SUPPORTED_CLOUDS as readonly string[]).includes(c), "Choose a cloud this version of Batchdeck supports.").transform((c) => c as SupportedCloud),
  name: z.string().trim().min(1, "Give the account a name.").max(80, "At most 80 characters."),
  readOnly: checkbox,
};

export interface AccountFields {
  settings: Record<string, string>;
  /** null: the cloud's public endpoints. */
  endpoints: Record<string, string> | null;
  /**
   * The credential fields that were filled in; none means the host's identity (or, when editing, keep the
   * saved ones). Named so that an audit of the input redacts it whole.
   */
  secrets: Record<string, string>;
}

/** The entered values of one group's fields, blanks left out. */
function group(descriptor: CloudDescriptor, values: Record<string, string | undefined>, name: AccountFieldGroup): Record<string, string> {
  return Object.fromEntries(descriptor.form.fields.flatMap((f) => (f.group === name && values[f.name] !== undefined ? [[f.name, values[f.name]!]] : [])));
}

/** The input's non-blank strings, trimmed. */
function typed(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).flatMap(([k, v]) => (typeof v === "string" && v.trim() !== "" ? [[k, v.trim()]] : [])));
}

/**
 * The credentials to seal from the secret fields, or null for the host's own identity. Partial
 * credentials are refused on the fields the cloud's schema misses, with the cloud's explanation.
 */
export function credentialsOf(descriptor: CloudDescriptor, fields: Record<string, unknown>): { credentials: unknown } | { fieldErrors: Record<string, string> } {
  if (Object.values(fields).every((v) => v === undefined)) return { credentials: null };
  const parsed = descriptor.credentials.safeParse(fields);
  if (parsed.success) return { credentials: parsed.data };
  return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), descriptor.incompleteCredentials])) };
}

/**
 * The form's input with `extra` fields (the edit form's account id, say), parsed into AccountFields.
 * The cloud's own fields are read from the loose input by its descriptor; nothing else of it is kept.
 * Every field's problem is reported at once. `completeCredentials` (adding) also refuses partial secrets;
 * editing merges them with the saved ones first.
 */
export function accountFormInput<Extra extends z.ZodRawShape>(extra: Extra, options: { completeCredentials: boolean }) {
  const known = z.object({ ...common, ...extra });
  return z.looseObject({ cloud: common.cloud }).transform((input, ctx) => {
    const descriptor: CloudDescriptor = CLOUD_DESCRIPTORS[input.cloud as SupportedCloud];
    const own = known.safeParse(input);
    const values = descriptor.formValues.safeParse(input);
    for (const result of [own, values]) {
      if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
    // The secrets as typed, so partial credentials are reported along with other fields' problems.
    const secrets = group(descriptor, values.success ? values.data : typed(input), "credentials");
    const checked = options.completeCredentials ? credentialsOf(descriptor, secrets) : null;
    if (checked && "fieldErrors" in checked) {
      for (const [path, message] of Object.entries(checked.fieldErrors)) ctx.addIssue({ code: "custom", path: [path], message });
    }
    if (!own.success || !values.success || (checked && "fieldErrors" in checked)) return z.NEVER;
    const endpoints = group(descriptor, values.data, "endpoints");
    const fields: AccountFields = {
      settings: group(descriptor, values.data, "settings"),
      endpoints: Object.keys(endpoints).length ? endpoints : null,
      secrets,
    };
    return { ...own.data, ...fields };
  });
}
