import Link from "next/link";
import { redirect } from "next/navigation";
import { VerifyWorkbench } from "@/components/verify/verify-workbench";
import { PageHeader } from "@/components/ui/card";
import { getPageActor } from "@/lib/server/auth/page-actor";
import { getDb } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { listPublishedIssuers } from "@/lib/server/issuers";
import { BundleVerifierPanel } from "@/components/log/bundle-verifier";
import { getLogSigner } from "@/lib/server/tlog";

export const metadata = { title: "Verify receipts" };

// Outside the console layout: with public verification on, people without an account use it too.
export default async function VerifyPage() {
  const actor = await getPageActor();
  const ctx = { db: await getDb(), actor: actor ?? ({ type: "anonymous" } as const), now: new Date() };
  const issuers = await listPublishedIssuers(ctx).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") redirect("/signin?callbackUrl=%2Fverify");
    throw error;
  });
  return (
    <main id="main" className="mx-auto max-w-5xl px-6 py-8">
      <div className="mb-6 flex items-center justify-between text-sm">
        <span className="text-lg font-semibold tracking-tight">countersign</span>
        {actor ? <Link className="text-indigo-700 underline" href="/receipts">Back to the console</Link> : <Link className="text-indigo-700 underline" href="/signin">Sign in</Link>}
      </div>
      <PageHeader
        title="Verify receipts"
        description="Checks decision receipts against public keys, entirely in this browser, with the same verifier code as the console and the countersign CLI. Receipts are never uploaded."
      />
      <VerifyWorkbench issuers={issuers} />
      <div className="mt-8"><BundleVerifierPanel consoleVkey={(await getLogSigner()).vkey} /></div>
    </main>
  );
}
