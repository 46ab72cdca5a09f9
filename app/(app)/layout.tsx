import { headers } from "next/headers";
import { AppShell } from "@/components/app-shell";
import { Providers } from "@/components/providers";
import { requireActor } from "@/lib/auth/session";
import { serverEnv } from "@/lib/env";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const path = (await headers()).get("x-batchdeck-path") ?? "/";
  const actor = await requireActor(path);
  return (
    <Providers>
      <AppShell actor={actor} demo={serverEnv().demo}>
        {children}
      </AppShell>
    </Providers>
  );
}
