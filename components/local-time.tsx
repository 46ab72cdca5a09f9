"use client";

import { useSyncExternalStore } from "react";
import { dateTimeFormat } from "@/lib/format/date-time-format";

const subscribe = () => () => {};

/**
 * A time in the browser's own time zone. The server doesn't know that zone, so it renders UTC and the
 * browser replaces it after hydration; `title` always carries the exact UTC instant.
 */
type Style = "datetime" | "date" | "seconds";

export function LocalTime({ iso, style = "datetime" }: { iso: string; style?: Style }) {
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

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  datetime: { dateStyle: "medium", timeStyle: "short" },
  // Log lines: seconds matter, the year doesn't.
  seconds: { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
};

function format(iso: string, style: Style, timeZone: string | undefined): string {
  return dateTimeFormat(undefined, { ...OPTIONS[style], timeZone }).format(new Date(iso));
}
