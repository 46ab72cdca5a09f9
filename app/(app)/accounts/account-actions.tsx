"use client";

import { useActionState, useState } from "react";
import { ActionFeedback, useAnnounced } from "@/components/action-feedback";
import type { ActionResult } from "@/lib/errors";
import { deleteAccountAction, syncNowAction, testConnectionAction } from "./actions";

type Action = (previous: ActionResult<null> | null, input: FormData) => Promise<ActionResult<null>>;

export function AccountActions({ accountId, name }: { accountId: string; name: string }) {
  // One message under the buttons: the outcome of whichever action finished last.
  const [latest, setLatest] = useState<ActionResult<null> | null>(null);
  const tracked = (action: Action): Action => async (previous, input) => {
    const result = await action(previous, input);
    setLatest(result);
    return result;
  };
  const [, test, testing] = useActionState(tracked(testConnectionAction), null);
  const [, sync, syncing] = useActionState(tracked(syncNowAction), null);
  // A deleted account's row loses these buttons, so its outcome is announced above the table.
  const [, remove, deleting] = useActionState(useAnnounced(deleteAccountAction), null);
  const [confirming, setConfirming] = useState(false);
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
        <form action={remove} className="stack" style={{ gap: 8 }} role="group" aria-label={`Confirm deleting ${name}`}>
          <input type="hidden" name="accountId" value={accountId} />
          <span>Delete {name}? It stops being synced and its saved secrets are erased; its jobs and runs stay in the history.</span>
          <div className="row">
            <button className="button danger small" disabled={deleting}>{deleting ? "Deleting…" : "Yes, delete"}</button>
            <button type="button" className="button secondary small" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </form>
      ) : null}
      <ActionFeedback state={latest} />
    </div>
  );
}
