import { z } from "zod";

// Pieces the clouds' account forms share (lib/providers/<cloud>/index.ts `formValues`).

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** An optional form field: trimmed, and a blank one is absent rather than an empty string. */
export const optionalField = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
