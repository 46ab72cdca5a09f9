"use client";

import { useActionState, useState } from "react";
import { useAnnounced } from "@/components/action-feedback";
import { deleteChannelAction, sendTestAlertAction } from "./actions";

export function ChannelActions({ channelId, name }: { channelId: string; name: string }) {
  const [tested, test, testing] = useActionState(sendTestAlertAction, null);
  // A deleted channel's card disappears, so its outcome is announced above the list.
  const [, remove, deleting] = useActionState(useAnnounced(deleteChannelAction), null);
  const [confirming, setConfirming] = useState(false);
  // The receiver's answer, as a success or a failure of the test itself (the action succeeded either way).
  const answer = tested ? (tested.ok ? { ok: tested.data.ok, text: tested.message } : { ok: false, text: tested.error }) : null;
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="row">
        <form action={test}>
          <input type="hidden" name="channelId" value={channelId} />
          <button className="button secondary small" disabled={testing} aria-label={`Send a test alert to ${name}`}>{testing ? "Sending…" : "Send a test alert"}</button>
        </form>
        {confirming ? (
          <form action={remove} className="row" role="group" aria-label={`Confirm deleting ${name}`}>
            <input type="hidden" name="channelId" value={channelId} />
            <span>Delete {name}?</span>
            <button className="button danger small" disabled={deleting}>{deleting ? "Deleting…" : "Yes, delete"}</button>
            <button type="button" className="button secondary small" onClick={() => setConfirming(false)}>Cancel</button>
          </form>
        ) : (
          <button type="button" className="button secondary small" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>Delete</button>
        )}
      </div>
      {answer ? (
        <div role={answer.ok ? "status" : "alert"} className={`notice ${answer.ok ? "ok" : "error"}`} data-testid="test-alert-result">
          {answer.text}
        </div>
      ) : null}
    </div>
  );
}
