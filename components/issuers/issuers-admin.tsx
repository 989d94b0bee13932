"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/client/api";
import type { IssuerView, KeyChangeResult } from "@/lib/server/issuers";
import { CreateIssuerForm } from "./create-issuer-form";
import { KeyChangeSummary } from "./key-change-summary";
import { PublicVerificationSwitch } from "./public-verification-switch";

export function IssuersAdmin({ initial, canManage, publicVerification }: { initial: IssuerView[]; canManage: boolean; publicVerification: boolean }) {
  const queryClient = useQueryClient();
  const issuers = useQuery({ queryKey: ["issuers"], queryFn: () => api<{ items: IssuerView[] }>("/api/v1/issuers").then((r) => r.items), initialData: initial });
  const [created, setCreated] = useState<KeyChangeResult | undefined>();

  return (
    <div className="space-y-6">
      {canManage ? (
        <CreateIssuerForm
          onCreated={(result) => {
            setCreated(result);
            void queryClient.invalidateQueries({ queryKey: ["issuers"] });
          }}
        />
      ) : null}
      {created ? <KeyChangeSummary verb="Registered" result={created} /> : null}
      <PublicVerificationSwitch initial={publicVerification} canManage={canManage} />
      <Card title="Trusted issuers" description="Receipts verify only against these keys. Download an issuer's trust file to verify its receipts anywhere — and compare it with what the gate's owner gives you.">
        {issuers.data.length === 0 ? (
          <p className="text-sm text-slate-600">No issuer is registered yet: every receipt is stored as unknown_issuer until its issuer&apos;s keys are registered, then verified again.</p>
        ) : (
          <Table caption="Trusted issuers" head={<tr><Th>Issuer</Th><Th>Keys</Th><Th>Keys from</Th><Th>Receipts judged</Th><Th>Trust file</Th></tr>}>
            {issuers.data.map((issuer) => {
              const active = issuer.keys.filter((k) => k.status === "active").length;
              return (
                <tr key={issuer.id}>
                  <Td>
                    <Link className="font-medium text-indigo-700 underline" href={`/issuers/${issuer.id}`}>{issuer.iss}</Link>
                    {issuer.name ? <span className="block text-xs text-slate-500">{issuer.name}</span> : null}
                  </Td>
                  <Td>{active} active of {issuer.keys.length}</Td>
                  <Td className="text-xs">
                    {issuer.jwksUrl ? <><code className="font-mono">{issuer.jwksUrl}</code>{issuer.refreshError ? <span className="block text-red-700">Last refresh failed: {issuer.refreshError}</span> : null}</> : "pasted or uploaded"}
                  </Td>
                  <Td>{issuer.keys.reduce((sum, k) => sum + k.receiptCount, 0)}</Td>
                  <Td><a className="text-indigo-700 underline" href={`/api/v1/issuers/${issuer.id}/trust.json`} download>trust.json</a></Td>
                </tr>
              );
            })}
          </Table>
        )}
      </Card>
    </div>
  );
}
