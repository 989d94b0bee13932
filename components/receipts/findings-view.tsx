import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { ReceiptFindings } from "@/lib/server/receipts";
import { DecisionBadge, VerdictBadge } from "./verdict-badge";

const when = (iso: string) => new Date(iso).toISOString().replace(".000Z", "Z");
const receiptLink = (id: string, text: React.ReactNode) => <Link className="text-indigo-700 underline" href={`/receipts/${id}`}>{text}</Link>;

/** The three auditor findings: equivocations, determinism violations, receipts by unknown or revoked keys. */
export function FindingsView({ findings }: { findings: ReceiptFindings }) {
  return (
    <div className="space-y-6">
      <Card title={`Equivocations (${findings.equivocations.length})`} description="An issuer sent different receipts under one id: at least one of them tells a story the gate did not stand by. Both are kept.">
        {findings.equivocations.length === 0 ? (
          <p className="text-sm text-slate-600">No issuer has equivocated.</p>
        ) : (
          <Table caption="Equivocations" head={<tr><Th>Issuer · receipt id</Th><Th>Versions (first received first)</Th></tr>}>
            {findings.equivocations.map((finding) => (
              <tr key={`${finding.iss} ${finding.receiptId}`}>
                <Td className="text-xs">{finding.iss}<code className="block font-mono">{finding.receiptId}</code></Td>
                <Td>
                  <ul className="space-y-1">
                    {finding.versions.map((version) => (
                      <li key={version.id} className="flex flex-wrap items-center gap-2 text-xs">
                        <DecisionBadge decision={version.decision} verified={version.verdict === "valid"} /> <VerdictBadge verdict={version.verdict} />
                        {receiptLink(version.id, `received ${when(version.receivedAt)}`)}
                        <code className="font-mono text-slate-500">sha256 {version.sha256.slice(0, 16)}…</code>
                      </li>
                    ))}
                  </ul>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title={`Determinism violations (${findings.determinism.length})`} description="The same request (actor, surface, action, target) under the same policy digest got different decisions, in valid receipts. Receipts allowed by a break-glass grant are left out.">
        {findings.determinism.length === 0 ? (
          <p className="text-sm text-slate-600">Every request was decided the same way under the same policy.</p>
        ) : (
          <Table caption="Determinism violations" head={<tr><Th>Request</Th><Th>Policy</Th><Th>Decisions</Th><Th>Between</Th></tr>}>
            {findings.determinism.map((finding) => (
              <tr key={`${finding.policyDigest} ${finding.actor} ${finding.surface} ${finding.action} ${finding.target}`}>
                <Td className="text-xs"><span className="font-medium">{finding.surface} · {finding.action}</span><span className="block">{finding.actor} → {finding.target}</span></Td>
                <Td className="text-xs">{finding.policyVersions.join(", ") || "—"}<code className="block font-mono text-slate-500" title={finding.policyDigest}>{finding.policyDigest.slice(0, 19)}…</code></Td>
                <Td>
                  <ul className="space-y-1 text-xs">
                    {finding.decisions.map((d) => (
                      <li key={d.decision}><DecisionBadge decision={d.decision} /> × {d.count} — {receiptLink(d.exampleId, "latest")}</li>
                    ))}
                  </ul>
                </Td>
                <Td className="whitespace-nowrap text-xs">{when(finding.firstAt)}<span className="block">{when(finding.lastAt)}</span></Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title={`Unknown, revoked or out-of-validity keys (${findings.keys.length})`} description="Receipts whose key the console does not hold, or that a key signed outside its validity. Unknown keys are verified again when an admin registers them.">
        {findings.keys.length === 0 ? (
          <p className="text-sm text-slate-600">Every receipt named a registered key within its validity.</p>
        ) : (
          <Table caption="Receipts by unknown or revoked keys" head={<tr><Th>Issuer</Th><Th>kid</Th><Th>Verdict</Th><Th>Receipts</Th><Th>Last received</Th></tr>}>
            {findings.keys.map((finding) => (
              <tr key={`${finding.iss} ${finding.kid} ${finding.verdict}`}>
                <Td>{finding.iss}</Td>
                <Td><code className="font-mono text-xs">{finding.kid ?? "(none)"}</code></Td>
                <Td><VerdictBadge verdict={finding.verdict} /></Td>
                <Td><Link className="text-indigo-700 underline" href={`/receipts?issuer=${encodeURIComponent(finding.iss)}&verdict=${finding.verdict}`}>{finding.count}</Link></Td>
                <Td className="whitespace-nowrap text-xs">{receiptLink(finding.exampleId, when(finding.lastReceivedAt))}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
