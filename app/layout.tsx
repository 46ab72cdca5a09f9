import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Batchdeck", template: "%s · Batchdeck" },
  description: "Every container batch job on Azure, AWS and Google Cloud in one place.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const THEMES = new Set(["light", "dark", "system"]);

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme lives in a cookie so the server renders the right colours: no flash on load.
  const stored = (await cookies()).get("theme")?.value ?? "system";
  const theme = THEMES.has(stored) ? stored : "system";
  return (
    <html lang="en" data-theme={theme}>
      <body>{children}</body>
    </html>
  );
}
