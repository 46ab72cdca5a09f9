"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A time in the browser's own time zone. The server doesn't know that zone, so it renders UTC and the
 * browser replaces it after hydration; `title` always carries the exact UTC instant.
 */
export function LocalTime({ iso, style = "datetime" }: { iso: string; style?: "datetime" | "date" }) {
  const local = useSyncExternalStore(
    subscribe,
    () => format(iso, style, undefined),
    () => null,
  );
  return (
    <time dateTime={iso} title={`${iso.replace("T", " ").slice(0, 19)} UTC`}>
      {local ?? `${format(iso, style, "UTC")} UTC`}
    </time>
  );
}

function format(iso: string, style: "datetime" | "date", timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions =
    style === "date" ? { dateStyle: "medium", timeZone } : { dateStyle: "medium", timeStyle: "short", timeZone };
  return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
}
