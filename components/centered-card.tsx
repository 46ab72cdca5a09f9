import { DemoBanner } from "./app-shell";
import { serverEnv } from "@/lib/env";

export function CenteredCard({ children }: { children: React.ReactNode }) {
  return (
    <>
      {serverEnv().demo ? <DemoBanner /> : null}
      <main className="center-page">
        <section className="card center-card">
          <div className="brand" style={{ padding: 0 }}>
            <span className="brand-mark" aria-hidden="true">B</span> Batchdeck
          </div>
          {children}
        </section>
      </main>
    </>
  );
}
