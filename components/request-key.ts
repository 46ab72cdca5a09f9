"use client";

/** The next request key after a form did its work, so a deliberate second click is a new action. */
export function nextRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context; this doesn't
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
