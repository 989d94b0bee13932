import Link from "next/link";
import { RawReceipt } from "@/components/receipts/raw-receipt";
import { ReceiptEvidence } from "@/components/receipts/receipt-evidence";
import { DecisionBadge, VerdictBadge } from "@/components/receipts/verdict-badge";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getReceipt } from "@/lib/server/receipts";
import { InclusionPanel } from "@/components/log/inclusion-panel";
import { getLogSigner } from "@/lib/server/tlog";

export const metadata = { title: "Receipt" };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-all">{children ?? "—"}</dd>
    </>
  );
}

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext(["auditor", "oncall", "admin"]);
  const receipt = await getReceipt(ctx, (await params).id);
  const valid = receipt.verdict === "valid";
  const filterLink = (key: string, value: string | null) => (value ? <Link className="text-indigo-700 underline" href={`/receipts?${key}=${encodeURIComponent(value)}`}>{value}</Link> : null);
  return (
    <>
      <PageHeader
        title={`Receipt ${receipt.receiptId}`}
        description={`Issued by ${receipt.iss}; received ${new Date(receipt.receivedAt).toISOString()} from source ${receipt.source.name}.`}
        actions={<Link className="text-sm text-indigo-700 underline" href="/receipts">Back to all receipts</Link>}
      />
      <div className="space-y-6">
        {valid ? (
          <Alert tone="success" title="Verdict: valid">Every step of the verification profile holds: the issuer&apos;s key {receipt.key?.kid} signed exactly these bytes.</Alert>
        ) : (
          <Alert tone={receipt.verdict.startsWith("unknown_") ? "warning" : "error"} title={`Verdict: ${receipt.verdict}${receipt.step ? ` (step ${receipt.step})` : ""}`}>
            {receipt.message} <span className="block text-xs">{receipt.verdictDescription}. The content below is as the receipt claims it, unverified.</span>
          </Alert>
        )}
        {receipt.equivocationOf || receipt.sameIdentity.length > 0 ? (
          <Alert tone="error" title="Equivocation: this issuer sent different receipts under this id">
            {receipt.sameIdentity.length + 1} versions with the same issuer and id.{" "}
            {receipt.sameIdentity.map((other, i) => (
              <span key={other.id}>{i > 0 ? ", " : ""}<Link className="underline" href={`/receipts/${other.id}`}>{other.equivocationOf ? "a later version" : "the first version"} ({other.decision ?? "no decision"}, {other.verdict})</Link></span>
            ))}
          </Alert>
        ) : null}
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Decision">
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
              <Field label="Verdict"><VerdictBadge verdict={receipt.verdict} /></Field>
              <Field label="Decision"><DecisionBadge decision={receipt.decision} verified={valid} /></Field>
              <Field label="Surface">{filterLink("surface", receipt.surface)}</Field>
              <Field label="Action">{receipt.action}</Field>
              <Field label="Actor">{filterLink("actor", receipt.actor)}</Field>
              <Field label="Target">{receipt.target}</Field>
              <Field label="Signed at (iat)">{receipt.iat === null ? null : new Date(receipt.iat * 1000).toISOString()}</Field>
              <Field label="Policy">{receipt.policyId ? `${receipt.policyId} ${receipt.policyVersion ?? ""}` : null}</Field>
              <Field label="Policy digest"><code className="font-mono text-xs">{receipt.policyDigest}</code></Field>
              <Field label="Idempotency key">{receipt.idempotencyKey}</Field>
              <Field label="Break-glass grant">{filterLink("grant", receipt.overrideGrant)}</Field>
              <Field label="Issuer">{filterLink("issuer", receipt.iss)}</Field>
              <Field label="Log index">{receipt.logIndex ?? "not yet in the transparency log"}</Field>
            </dl>
          </Card>
          <Card title="Key" description="The issuer key the verifier chose by kid (profile step 6).">
            {receipt.key ? (
              <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
                <Field label="kid"><code className="font-mono text-xs">{receipt.key.kid}</code></Field>
                <Field label="Algorithm">{receipt.key.alg ?? receipt.alg}</Field>
                <Field label="Thumbprint (RFC 7638)"><code className="font-mono text-xs">{receipt.key.thumbprint}</code></Field>
                <Field label="Valid from">{receipt.key.validFrom}</Field>
                <Field label="Valid until">{receipt.key.validUntil}</Field>
                <Field label="Revoked">{receipt.key.revokedAt ? `${receipt.key.revokedAt} — ${receipt.key.revokedReason ?? ""}` : null}</Field>
                <Field label="Issuer keys"><Link className="text-indigo-700 underline" href={`/issuers/${receipt.key.issuerId}`}>all keys of {receipt.iss}</Link></Field>
              </dl>
            ) : (
              <p className="text-sm text-slate-700">
                No registered key {receipt.kid ? <>with kid <code className="font-mono text-xs">{receipt.kid}</code> </> : null}for issuer {receipt.iss}.
                Receipts like this one are verified again when an admin registers the key.
              </p>
            )}
            <dl className="mt-4 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
              <Field label="Verified at">{receipt.verifiedAt}</Field>
              <Field label="SHA-256 of bytes"><code className="font-mono text-xs">{receipt.sha256}</code></Field>
              <Field label="Serialization">{receipt.format === "json" ? "flattened JSON" : "compact"}</Field>
            </dl>
          </Card>
        </div>
        <Card title="Raw receipt" description="Exactly the bytes the gate sent. Verify it yourself with `countersign verify` or on the Verify page.">
          <RawReceipt raw={receipt.raw} fileName={`${receipt.receiptId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80)}.${receipt.format === "json" ? "json" : "jws"}`} />
        </Card>
        <InclusionPanel receiptId={receipt.id} raw={receipt.raw} vkey={(await getLogSigner()).vkey} />
        <ReceiptEvidence header={receipt.header} payload={receipt.payload} events={receipt.decisionEvents} />
      </div>
    </>
  );
}
