import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { monthToDateUsage } from "@/lib/queries/catalog";

export const metadata = { title: "Usage" };

const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

export default async function UsagePage() {
  const { monthStart, rows } = await monthToDateUsage();
  return (
    <>
      <PageHead title="Usage" subtitle={<>Month to date since <LocalTime iso={monthStart.toISOString()} style="date" />, against each account&apos;s free tier.</>} />
      {rows.length === 0 ? (
        <EmptyState icon="◔" title="No usage recorded this month">
          Once accounts sync, each one shows its requests, vCPU-seconds and GiB-seconds against its free tier, with a forecast to the end
          of the month.
        </EmptyState>
      ) : (
        <div className="card table-wrap">
          <table>
            <thead>
              <tr><th>Account</th><th>Requests</th><th>vCPU-s</th><th>GiB-s</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.accountId}>
                  <td className="mono">{r.accountId}</td>
                  <td>{fmt.format(Number(r._sum.requests ?? 0))}</td>
                  <td>{fmt.format(Number(r._sum.vcpuMilliSeconds ?? 0) / 1000)}</td>
                  <td>{fmt.format(Number(r._sum.gibMilliSeconds ?? 0) / 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
