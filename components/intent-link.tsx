"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A link in a table row. next/link prefetches every link that scrolls into view, so a page of 50 runs
 * asked the server for up to a hundred pages it would never show; this one prefetches the page (up to
 * its loading state) when the pointer or the keyboard reaches it, so the click still opens at once.
 */
export function IntentLink({ href, onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof Link>, "href" | "prefetch"> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        router.prefetch(href);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        router.prefetch(href);
        onFocus?.(event);
      }}
    />
  );
}
