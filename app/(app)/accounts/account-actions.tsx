"use client";

import { useActionState, useState } from "react";
import { ActionFeedback } from "@/components/action-feedback";
import { deleteAccountAction, syncNowAction, testConnectionAction } from "./actions";

export function AccountActions({ accountId, name }: { accountId: string; name: string }) {
  const [testState, test, testing] = useActionState(testConnectionAction, null);
  const [syncState, sync, syncing] = useActionState(syncNowAction, null);
  const [deleteState, remove, deleting] = useActionState(deleteAccountAction, null);
  const [confirming, setConfirming] = useState(false);
  const latest = deleteState ?? syncState ?? testState;
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
        {confirming ? null : (
          <button type="button" className="button secondary small" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>Delete</button>
        )}
      </div>
      {confirming ? (
        <form action={remove} className="row" role="group" aria-label={`Confirm deleting ${name}`}>
          <input type="hidden" name="accountId" value={accountId} />
          <span>Delete {name}? It stops being synced; its jobs and runs stay in the history.</span>
          <button className="button small" disabled={deleting}>{deleting ? "Deleting…" : "Yes, delete"}</button>
          <button type="button" className="button secondary small" onClick={() => setConfirming(false)}>Cancel</button>
        </form>
      ) : null}
      <ActionFeedback state={latest} />
    </div>
  );
}
