import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command as verifyBundleCommand } from "@/lib/cli/commands/verify-bundle";
import type { CliIO } from "@/lib/cli/io";
import { MemoryTree, formatTlogProof } from "@/lib/core/tlog";
import { verifyBundle } from "@/lib/core/tlog/bundle-verify";
import { rowsOf } from "../db/migrate";
import { rejection } from "../receipts/receipts.test-support";
import { FROZEN_NOW, roleCtx } from "../testing/contexts";
import { databaseKinds } from "../testing/test-database";
import { tlogProofText } from "./bundle-export";
import { exportEvidenceBundle, sequencePending, type BundleExport } from "./index";
import { logFixture, type LogFixture } from "./tlog.test-support";

const dir = mkdtempSync(path.join(tmpdir(), "countersign-bundles-"));

async function text(bundle: BundleExport): Promise<string> {
  return new Response(bundle.stream).text();
}

describe("the bundle's proof text", () => {
  it("is exactly what formatTlogProof writes, for every index of trees up to 40 leaves", () => {
    const tree = new MemoryTree();
    const checkpoint = "console.test/log\n40\nAAAA\n\n— console.test/log x\n";
    for (let n = 1; n <= 40; n++) {
      tree.append(new TextEncoder().encode(`entry ${n}`));
      for (let i = 0; i < n; i++) {
        const hashes = tree.inclusionProof(i, n);
        expect(tlogProofText(i, hashes, checkpoint)).toBe(formatTlogProof({ index: i, hashes, checkpoint }));
      }
    }
  });
});

describe.each(await databaseKinds())("evidence bundle export on %s", (kind) => {
  let f: LogFixture;
  let dropped = false;
  const auditor = () => roleCtx(f.database.db, ["auditor"]);

  beforeAll(async () => {
    f = await logFixture(kind);
    // More than one page (500) of receipts, and some whose signature does not verify.
    for (let batch = 0; batch < 6; batch++) await f.ingest(Array.from({ length: 100 }, (_, i) => `b${batch}-${i}`));
    await f.ingest(["forged-1", "forged-2"], { forged: true });
    await sequencePending(f.database.db);
    await f.ingest(["not-sequenced-yet"]);
  });
  afterAll(async () => {
    if (!dropped) await f.database.drop();
  });

  it("refuses on-call users and anonymous callers; auditors' exports are audited", async () => {
    expect((await rejection(exportEvidenceBundle(roleCtx(f.database.db, ["oncall"]), f.log, {}))).code).toBe("FORBIDDEN");
    expect((await rejection(exportEvidenceBundle(roleCtx(f.database.db, []), f.log, {}))).code).toBe("FORBIDDEN");
    expect((await rejection(exportEvidenceBundle(auditor(), f.log, { ids: ["not-an-id"] }))).code).toBe("VALIDATION");
  });

  it("exports hand-picked receipts, and the verifier reports the one whose signature fails", async () => {
    const picked = rowsOf<{ id: string }>(await f.database.db.execute(sql`select id from receipts where receipt_id in ('b0-1', 'b5-99', 'forged-2') order by receipt_id`));
    const bundle = await exportEvidenceBundle(auditor(), f.log, { ids: picked.map((r) => r.id).join(",") });
    expect(bundle.receipts).toBe(3);
    const report = await verifyBundle(await text(bundle), FROZEN_NOW);
    expect(report).toMatchObject({ valid: false, receipts: 3, verified: 2, failureCount: 1 });
    expect(report.failures[0]).toMatchObject({ code: "RECEIPT_INVALID", verdict: "bad_signature", id: picked[2]!.id });
    const audit = rowsOf<{ action: string; details: { receipts: number; selection: { ids: number } } }>(
      await f.database.db.execute(sql`select action, details from audit_log where action = 'log.bundle.export' order by seq desc limit 1`),
    );
    expect(audit[0]).toMatchObject({ details: { receipts: 3, selection: { ids: 3 } } });
  });

  it("streams a filtered selection larger than a page, every receipt sequenced first, that verifies offline after the console is gone", async () => {
    const bundle = await exportEvidenceBundle(auditor(), f.log, { issuer: "gate-log", verdict: "valid" });
    expect(bundle).toMatchObject({ receipts: 601, size: 603 });
    const file = path.join(dir, `${kind}.jsonl`);
    writeFileSync(file, await text(bundle));
    await f.database.drop();
    dropped = true;

    const out: string[] = [];
    const io: CliIO = { out: (l) => void out.push(l), err: () => {}, readStdin: async () => "", env: {} };
    const code = await verifyBundleCommand.run(["--json", "--vkey", f.log.vkey, "--at", FROZEN_NOW.toISOString(), file], io);
    expect(code, out.join("\n")).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ valid: true, receipts: 601, verified: 601, trustedKeys: 1, checkpoint: { size: 603 } });
  });
});
