"use client";

import { useActionState } from "react";
import { ActionFeedback } from "@/components/action-feedback";
import { syncNowAction, testConnectionAction } from "./actions";

export function AccountActions({ accountId, name }: { accountId: string; name: string }) {
  const [testState, test, testing] = useActionState(testConnectionAction, null);
  const [syncState, sync, syncing] = useActionState(syncNowAction, null);
  const latest = syncState ?? testState;
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="row">
        <form action={test}>
          <input type="hidden" name="accountId" value={accountId} />
          <button className="button secondary small" disabled={testing} aria-label={`Test connection to ${name}`}>{testing ? "Testing…" : "Test connection"}</button>
        </form>
        <form action={sync}>
          <input type="hidden" name="accountId" value={accountId} />
          <button className="button secondary small" disabled={syncing} aria-label={`Sync ${name} now`}>{syncing ? "Syncing…" : "Sync now"}</button>
        </form>
      </div>
      <ActionFeedback state={latest} />
    </div>
  );
}
