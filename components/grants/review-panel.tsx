"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ApiError, api } from "@/lib/client/api";
import type { ApprovedGrant } from "@/lib/server/grants/approve-grant";
import type { GrantDetail } from "@/lib/server/grants/grant-view";
import { formatInstant } from "./grant-format";
import { TextAreaField } from "./text-area-field";

type Outcome = { tone: "success" | "error"; text: string };

function outcomeOf(verb: "approve" | "deny", answer: ApprovedGrant | { state: string }): Outcome {
  if (verb === "deny") return { tone: "success", text: "Denied. The request is closed." };
  if (answer.state === "pending") return { tone: "success", text: "Approval recorded. More approvals are needed before the grant becomes active." };
  // The token is in the answer for scripted reviews; the console leaves it to the requester or grantee.
  const when = answer.state === "active" ? "The grant is active now" : "The grant is scheduled";
  return { tone: "success", text: `${when}. Its token is not shown to reviewers: the requester or the grantee retrieves it once from this page.` };
}

function Reviews({ grant }: { grant: GrantDetail }) {
  if (grant.approvals.length === 0 && !grant.denial) return <p className="text-sm text-slate-600">No reviews yet.</p>;
  return (
    <ul aria-label="Reviews" className="space-y-1 text-sm">
      {grant.approvals.map((a) => (
        <li key={a.by}>✔ Approved by <strong>{a.email ?? a.by}</strong> at {formatInstant(a.at)}{a.comment ? ` — “${a.comment}”` : ""}</li>
      ))}
      {grant.denial ? <li>✖ Denied at {formatInstant(grant.denial.at)} — “{grant.denial.comment}”</li> : null}
    </ul>
  );
}

export function ReviewPanel({ grant, onChanged }: { grant: GrantDetail; onChanged: () => void }) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const { canApprove, canDeny, reviewBlockedReason } = grant.permissions;

  async function review(verb: "approve" | "deny") {
    setBusy(true);
    try {
      const answer = await api<ApprovedGrant>(`/api/v1/break-glass/${grant.id}/${verb}`, { method: "POST", body: { comment } });
      setOutcome(outcomeOf(verb, answer));
      setComment("");
      onChanged();
    } catch (caught) {
      setOutcome({ tone: "error", text: caught instanceof ApiError ? caught.message : "The console could not be reached." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Review" description={`${grant.approvals.length} of ${grant.requiredApprovals} approval(s). Reviewers are admins other than the requester and the grantee.`}>
      <div className="space-y-3">
        <Reviews grant={grant} />
        {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
        {reviewBlockedReason ? <Alert tone="info">{reviewBlockedReason}</Alert> : null}
        {canApprove || canDeny ? (
          <form aria-label="Review this request" className="space-y-3" onSubmit={(event) => event.preventDefault()}>
            <TextAreaField label="Review comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} hint="Optional for an approval, required for a denial." />
            <div className="flex gap-2">
              <Button disabled={busy} onClick={() => review("approve")}>Approve</Button>
              <Button variant="danger" disabled={busy} onClick={() => review("deny")}>Deny</Button>
            </div>
          </form>
        ) : null}
      </div>
    </Card>
  );
}
