import Link from "next/link";
import { PageHead } from "@/components/page-head";
import { requireActor } from "@/lib/auth/session";
import { FORECAST_WINDOW_DAYS } from "@/lib/usage/compute";
import { PRICING_PAGES } from "@/lib/usage/free-tiers";

export const metadata = { title: "How usage and cost are computed" };

export default async function HowUsageIsComputedPage() {
  await requireActor("/usage/how");
  return (
    <>
      <PageHead title="How usage and cost are computed" subtitle={<>What each figure on <Link href="/usage">Usage</Link> means, and what it cannot see.</>} />
      <div className="card stack prose" style={{ maxWidth: 760 }}>
        <section aria-labelledby="how-usage">
          <h2 id="how-usage">vCPU-seconds and GiB-seconds</h2>
          <p>
            Each run counts from its start to its end, as the cloud reports them, rounded up the way the cloud bills: to the second on Container
            Apps and Fargate, to 100 ms on Cloud Run. That time is multiplied by the vCPU and memory the run was given. A run still going counts
            up to now. A run whose allocation the cloud did not report is left out and counted apart, so the figure is then a floor.
          </p>
        </section>
        <section aria-labelledby="how-grants">
          <h2 id="how-grants">Free grants, per holder and month</h2>
          <p>
            Grants reset on the first of each calendar month (UTC). They belong to a grant holder: an Azure subscription, or a Google billing
            account across all its projects. Accounts an owner puts in one billing group share one grant; any other account holds its own.
            Runs use up the grant in the order they started, so a run synced late can change the cost of those after it. Fargate has no free tier.
          </p>
        </section>
        <section aria-labelledby="how-cost">
          <h2 id="how-cost">Cost</h2>
          <p>
            A run&apos;s cost is what is left after the grant, at the price for its cloud, region and (Fargate) CPU architecture, or at an owner&apos;s
            override (<Link href="/usage/prices">Prices</Link>). Fargate bills at least one minute per task. Costs are kept in US dollars, in
            millionths; the page rounds only when it shows them. Yen and euros are shown at the rate an owner set, with the date it was set: not
            the rate on your invoice. Requests and Service Bus operations are priced per account and day beyond their grant.
          </p>
          <p>The cost by job and the CSV export count a run in the month and day it started; the export&apos;s total row is the page&apos;s month.</p>
        </section>
        <section aria-labelledby="how-forecast">
          <h2 id="how-forecast">Forecast and warnings</h2>
          <p>
            The forecast takes the last {FORECAST_WINDOW_DAYS} UTC days up to now (fewer early in the month), divides what they used by their
            length in days, and adds that daily rate for the days left to what the month has used so far. A warning appears when the forecast
            goes over a free grant or an owner&apos;s budget, on the Usage page, the overview and the pages of the jobs of that holder.
          </p>
        </section>
        <section aria-labelledby="how-limits">
          <h2 id="how-limits">What Batchdeck cannot see</h2>
          <ul>
            <li>Idle charges: a Container Apps replica kept warm, or minimum instances on Cloud Run, bill without any run.</li>
            <li>Network egress, the container registry, logging and log storage, storage volumes and secrets managers.</li>
            <li>Taxes, credits, commitments and discounts on your contract (set a negotiated price as an override).</li>
            <li>Prices that change: each price names its source and the date it was checked.</li>
            <li>The cloud&apos;s own billing rounding of the monthly total, so an invoice can differ by cents.</li>
            <li>A run the cloud reported in an unknown state, or forgot before it ended, with no end time: how long it ran is unknown, so it is neither counted nor priced.</li>
          </ul>
        </section>
        <section aria-labelledby="how-sources">
          <h2 id="how-sources">The vendors&apos; pricing pages</h2>
          <ul>
            {PRICING_PAGES.map((p) => <li key={p.href}><a href={p.href} rel="noreferrer">{p.title}</a></li>)}
          </ul>
        </section>
      </div>
    </>
  );
}
