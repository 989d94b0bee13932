import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { GrantUseView } from "@/lib/server/grants/grant-view";
import { formatInstant, VIOLATION_LABELS } from "./grant-format";

export function GrantUsesTable({ uses, useCount }: { uses: GrantUseView[]; useCount: number }) {
  return (
    <Card title="Decisions made under this grant" description={`${useCount} receipt(s) name this grant in override.grant. A use outside the window or scope, or after revocation, is flagged.`}>
      {uses.length === 0 ? (
        <p className="text-sm text-slate-600">No receipt has named this grant yet.</p>
      ) : (
        <Table caption="Uses" head={<tr><Th>Time</Th><Th>Actor</Th><Th>Surface · action</Th><Th>Decision</Th><Th>Receipt</Th><Th>Flags</Th></tr>}>
          {uses.map((use) => (
            <tr key={use.receiptId}>
              <Td className="whitespace-nowrap">{formatInstant(use.at)}</Td>
              <Td>{use.actor ?? "—"}</Td>
              <Td><span className="font-mono text-xs">{use.surface ?? "?"} · {use.action ?? "?"}</span></Td>
              <Td>{use.decision ?? "—"}</Td>
              <Td>
                <Link className="font-mono text-xs text-indigo-700 underline" href={`/receipts/${use.receiptId}`}>{use.receiptIssuer} · {use.receiptRef.slice(0, 24)}</Link>
                {use.receiptVerdict !== "valid" ? <> <Badge tone="amber">{use.receiptVerdict}</Badge></> : null}
              </Td>
              <Td>{use.violations.length ? use.violations.map((v) => <Badge key={v} tone="red">{VIOLATION_LABELS[v] ?? v}</Badge>) : <Badge tone="green">in scope</Badge>}</Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
