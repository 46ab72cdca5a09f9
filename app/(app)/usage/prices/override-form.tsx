"use client";

import { useActionState } from "react";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { setPriceOverrideAction } from "./actions";

// An owner's price for one meter of a cloud (a negotiated or regional rate); saving re-prices every run.

export interface OverrideChoices {
  cloud: string;
  label: string;
  meters: { meter: string; unit: string }[];
  regions: string[];
  /** Architectures the cloud prices apart (empty: the same price for any). */
  architectures: string[];
}

export function OverrideForm({ choices }: { choices: OverrideChoices }) {
  const [state, action, pending] = useActionState(setPriceOverrideAction, null);
  const { errors } = formFeedback(state);
  const id = (field: string) => `override-${choices.cloud}-${field}`;
  return (
    <form action={action} className="stack" aria-label={`Override a price of ${choices.label}`}>
      <input type="hidden" name="cloud" value={choices.cloud} />
      <div className="row" style={{ alignItems: "flex-start" }}>
        <div className="field">
          <label htmlFor={id("meter")}>Meter</label>
          <select id={id("meter")} name="meter">
            {choices.meters.map((m) => <option key={m.meter} value={m.meter}>{m.meter} (USD per {m.unit})</option>)}
          </select>
          {errors.meter ? <span className="field-error">{errors.meter}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={id("region")}>Region</label>
          <input id={id("region")} name="region" list={id("regions")} defaultValue="*" autoComplete="off" aria-invalid={errors.region ? true : undefined} />
          <datalist id={id("regions")}>
            <option value="*">every region</option>
            {choices.regions.map((r) => <option key={r} value={r} />)}
          </datalist>
          {errors.region ? <span className="field-error">{errors.region}</span> : <span className="muted" style={{ fontSize: "0.8rem" }}>* for every region</span>}
        </div>
        {choices.architectures.length > 0 ? (
          <div className="field">
            <label htmlFor={id("architecture")}>Architecture</label>
            <select id={id("architecture")} name="architecture">
              <option value="">any</option>
              {choices.architectures.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={id("usd")}>Price (USD)</label>
          <input id={id("usd")} name="usd" inputMode="decimal" placeholder="0.000024" autoComplete="off" aria-invalid={errors.usd ? true : undefined} />
          {errors.usd ? <span className="field-error">{errors.usd}</span> : <span className="muted" style={{ fontSize: "0.8rem" }}>Blank goes back to the book&apos;s price.</span>}
        </div>
      </div>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>{pending ? "Re-pricing…" : "Save price"}</button>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}

/** Clears one override: the meter goes back to the book's price. */
export function RemoveOverride({ cloud, meter, region, architecture }: { cloud: string; meter: string; region: string; architecture: string }) {
  const [state, action, pending] = useActionState(setPriceOverrideAction, null);
  return (
    <form action={action} className="row" aria-label={`Remove the override of ${meter} in ${region}`}>
      {Object.entries({ cloud, meter, region, architecture, usd: "" }).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button className="button secondary small" type="submit" disabled={pending}>{pending ? "Re-pricing…" : "Use the book's price"}</button>
      <ActionFeedback state={state} />
    </form>
  );
}
