"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/jobs", label: "Jobs" },
  { href: "/executions", label: "Executions" },
  { href: "/logs", label: "Logs" },
  { href: "/usage", label: "Usage" },
  { href: "/accounts", label: "Accounts" },
  { href: "/alerts", label: "Alerts" },
  { href: "/members", label: "Members" },
  { href: "/audit", label: "Audit" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      {NAV_ITEMS.map((item) => (
        <Link key={item.href} href={item.href} aria-current={(item.href === "/" ? pathname === "/" : pathname.startsWith(item.href)) ? "page" : undefined}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
