import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fromBase64,
  fromHex,
  leafHash,
  parseVerifierKey,
  rootFromLeafHashes,
  toBase64,
  toHex,
  verifyCheckpoint,
  verifyConsistencyProof,
  verifyInclusionProof,
} from "@/lib/core/tlog";
import { rowsOf } from "../db/migrate";
import { rejection } from "../receipts/receipts.test-support";
import { anonymousCtx, FROZEN_NOW, roleCtx } from "../testing/contexts";
import { databaseKinds } from "../testing/test-database";
import {
  checkpointAt,
  checkpointIfGrown,
  getConsistencyProof,
  getInclusionProof,
  getLogEntries,
  getLogGrowth,
  getLogOverview,
  listCheckpoints,
  sequencePending,
  treeSize,
} from "./index";
import { logFixture, type LogFixture } from "./tlog.test-support";

describe.each(await databaseKinds())("transparency log on %s", (kind) => {
  let f: LogFixture;
  const anyone = () => anonymousCtx(f.database.db);
  const policy = () => ({ logKey: parseVerifierKey(f.log.vkey) });

  beforeAll(async () => {
    f = await logFixture(kind);
  });
  afterAll(() => f.database.drop());

  it("starts as the empty tree, with a signed checkpoint of size 0", async () => {
    expect(await sequencePending(f.database.db)).toEqual({ appended: 0, size: 0, skipped: false });
    const checkpoint = await checkpointIfGrown(f.database.db, f.log, FROZEN_NOW);
    const verified = await verifyCheckpoint(checkpoint.note, policy());
    expect(verified.checkpoint).toMatchObject({ origin: f.log.origin, size: 0 });
    expect(checkpoint.root).toBe("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  });

  it("appends every stored receipt, valid or not, exactly once under concurrent ingest and sequencers, gapless, with the root of an independent recomputation", async () => {
    let ingesting = true;
    const sequencers = Array.from({ length: 3 }, async () => {
      let appended = 0;
      while (ingesting) {
        appended += (await sequencePending(f.database.db, { batchSize: 7 })).appended;
        await new Promise((resolve) => setImmediate(resolve)); // as the 1 s job does: let ingest run
      }
      return appended;
    });
    const clients = Array.from({ length: 4 }, async (_, client) => {
      for (let batch = 0; batch < 6; batch++) {
        const ids = Array.from({ length: 5 }, (_, i) => `c${client}-b${batch}-${i}`);
        await f.ingest(ids, { forged: batch === 2 && client === 1 });
      }
    });
    await Promise.all(clients);
    ingesting = false;
    const appendedConcurrently = (await Promise.all(sequencers)).reduce((a, b) => a + b, 0);
    const last = await sequencePending(f.database.db);
    expect(appendedConcurrently + last.appended).toBe(120);
    expect(last.size).toBe(120);

    const logged = await f.logged();
    expect(logged.map((r) => r.log_index)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    const verdicts = rowsOf<{ verdict: string; n: number }>(await f.database.db.execute(sql`select verdict, count(*)::int as n from receipts group by verdict order by verdict`));
    expect(verdicts).toEqual([{ verdict: "bad_signature", n: 5 }, { verdict: "valid", n: 115 }]);

    const checkpoint = await checkpointIfGrown(f.database.db, f.log, FROZEN_NOW);
    expect(checkpoint.size).toBe(120);
    expect(checkpoint.root).toBe(toBase64(rootFromLeafHashes(logged.map((r) => leafHash(r.raw)))));
    const leaves = rowsOf<{ hash: Uint8Array }>(await f.database.db.execute(sql`select hash from tlog_nodes where level = 0 order by idx`));
    expect(leaves.map((l) => toHex(new Uint8Array(l.hash)))).toEqual(logged.map((r) => toHex(leafHash(r.raw))));
  });

  it("does not append a duplicate again, and appends both versions of an equivocation", async () => {
    const before = await treeSize(f.database.db);
    const again = await f.ingest(["c0-b0-0"]);
    expect(again[0]!.status).toBe("duplicate");
    await f.ingest(["eq-1"]);
    await f.ingest(["eq-1"], { forged: true });
    expect((await sequencePending(f.database.db)).size).toBe(before + 2);
  });

  it("serves inclusion proofs by index and by receipt that verify against a checkpoint of exactly that size", async () => {
    const logged = await f.logged();
    const target = logged[37]!;
    const byReceipt = await getInclusionProof(anyone(), f.log, { receipt: target.id });
    expect(byReceipt.immutable).toBe(false);
    const { body } = byReceipt;
    const verified = await verifyCheckpoint(body.checkpoint, policy());
    expect(verified.checkpoint.size).toBe(body.size);
    expect(body.leafHash).toBe(toHex(leafHash(target.raw)));
    verifyInclusionProof(37, body.size, leafHash(target.raw), body.hashes.map((h) => fromBase64(h)!), verified.checkpoint.rootHash);

    // A size never checkpointed is signed on demand, kept, and served identically afterwards.
    const old = await getInclusionProof(anyone(), f.log, { index: "5", size: "41" });
    expect(old.immutable).toBe(true);
    const oldCheckpoint = await verifyCheckpoint(old.body.checkpoint, policy());
    expect(oldCheckpoint.checkpoint.size).toBe(41);
    verifyInclusionProof(5, 41, fromHex(old.body.leafHash)!, old.body.hashes.map((h) => fromBase64(h)!), oldCheckpoint.checkpoint.rootHash);
    expect(oldCheckpoint.checkpoint.rootHash).toEqual(rootFromLeafHashes(logged.slice(0, 41).map((r) => leafHash(r.raw))));
    expect((await getInclusionProof(anyone(), f.log, { index: "6", size: "41" })).body.checkpoint).toBe(old.body.checkpoint);
    const history = await listCheckpoints(anyone(), f.log, { limit: "500" });
    expect(history.items.find((c) => c.size === 41)).toMatchObject({ reason: "request", note: old.body.checkpoint });
  });

  it("proves that a checkpoint from before more ingestion is consistent with one after it", async () => {
    const before = await checkpointIfGrown(f.database.db, f.log, FROZEN_NOW);
    await f.ingest(Array.from({ length: 13 }, (_, i) => `later-${i}`));
    await sequencePending(f.database.db);
    const after = await checkpointIfGrown(f.database.db, f.log, new Date(FROZEN_NOW.getTime() + 5000));
    expect(after.size).toBe(before.size + 13);
    const [old, latest] = await Promise.all([verifyCheckpoint(before.note, policy()), verifyCheckpoint(after.note, policy())]);
    for (const from of [0, 1, 7, before.size, after.size]) {
      const { body } = await getConsistencyProof(anyone(), f.log, { from: String(from), to: String(after.size) });
      expect(body.checkpoint).toBe(after.note);
      const oldRoot = from === before.size ? old.checkpoint.rootHash : fromBase64((await checkpointAt(f.database.db, f.log, from, "request", FROZEN_NOW)).root)!;
      verifyConsistencyProof(from, after.size, oldRoot, latest.checkpoint.rootHash, body.hashes.map((h) => fromBase64(h)!));
    }
  });

  it("answers the exact logged bytes by range, never past the tree", async () => {
    const logged = await f.logged();
    const { body, immutable } = await getLogEntries(anyone(), { start: "3", end: "9" });
    expect(immutable).toBe(true);
    expect(body.entries.map((e) => fromBase64(e))).toEqual(logged.slice(3, 9).map((r) => r.raw));
    const clamped = await getLogEntries(anyone(), { start: String(logged.length - 2), end: String(logged.length + 50) });
    expect(clamped).toMatchObject({ immutable: false, body: { end: logged.length } });
    expect(clamped.body.entries).toHaveLength(2);
  });

  it("refuses bad ranges with 400 and sizes the log has not reached with 404", async () => {
    const size = await treeSize(f.database.db);
    const cases: Array<[() => Promise<unknown>, string, string | undefined]> = [
      [() => getInclusionProof(anyone(), f.log, { index: "5", size: "5" }), "BAD_REQUEST", "BAD_RANGE"],
      [() => getInclusionProof(anyone(), f.log, { index: "05", size: "9" }), "BAD_REQUEST", undefined],
      [() => getInclusionProof(anyone(), f.log, { index: "-1", size: "9" }), "BAD_REQUEST", undefined],
      [() => getInclusionProof(anyone(), f.log, { index: "1" }), "BAD_REQUEST", undefined],
      [() => getInclusionProof(anyone(), f.log, { index: "0", size: String(size + 1) }), "NOT_FOUND", "TREE_SIZE_NOT_REACHED"],
      [() => getInclusionProof(anyone(), f.log, { receipt: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND", undefined],
      [() => getConsistencyProof(anyone(), f.log, { from: "9", to: "8" }), "BAD_REQUEST", "BAD_RANGE"],
      [() => getConsistencyProof(anyone(), f.log, { from: "1", to: String(size + 1) }), "NOT_FOUND", "TREE_SIZE_NOT_REACHED"],
      [() => getLogEntries(anyone(), { start: "4", end: "4" }), "BAD_REQUEST", "BAD_RANGE"],
      [() => getLogEntries(anyone(), { start: String(size), end: String(size + 1) }), "NOT_FOUND", "TREE_SIZE_NOT_REACHED"],
    ];
    for (const [call, code, reason] of cases) {
      const error = await rejection(call());
      expect(error.code).toBe(code);
      if (reason) expect(error.details?.reason).toBe(reason);
    }
  });

  it("says a stored receipt is not logged yet until the sequencer ran", async () => {
    const [stored] = await f.ingest(["pending-1"]);
    const error = await rejection(getInclusionProof(anyone(), f.log, { receipt: stored!.id! }));
    expect(error).toMatchObject({ code: "NOT_FOUND", details: { reason: "NOT_YET_LOGGED", retryAfterSeconds: 2 } });
    expect((await getLogOverview(roleCtx(f.database.db, ["oncall"]), f.log)).pending).toBe(1);
    await sequencePending(f.database.db, { wait: false });
    expect((await getInclusionProof(anyone(), f.log, { receipt: stored!.id! })).body.index).toBe((await treeSize(f.database.db)) - 1);
  });

  it("shows the console the log's size, key and growth, to signed-in users only", async () => {
    const ctx = roleCtx(f.database.db, ["auditor"], new Date(FROZEN_NOW.getTime() + 60_000));
    await checkpointIfGrown(f.database.db, f.log, new Date(FROZEN_NOW.getTime() + 10_000));
    const overview = await getLogOverview(ctx, f.log);
    expect(overview).toMatchObject({ origin: f.log.origin, vkey: f.log.vkey, size: await treeSize(f.database.db), pending: 0, otherKeyCheckpoints: 0 });
    const growth = await getLogGrowth(ctx, f.log, { range: "24h" });
    expect(growth.map((p) => p.size)).toEqual([...growth.map((p) => p.size)].sort((a, b) => a - b));
    expect(growth[growth.length - 1]!.size).toBe(overview.latest!.size);
    expect((await rejection(getLogOverview(anyone(), f.log))).code).toBe("UNAUTHENTICATED");
    expect((await rejection(getLogGrowth(anyone(), f.log, {}))).code).toBe("UNAUTHENTICATED");
  });
});
