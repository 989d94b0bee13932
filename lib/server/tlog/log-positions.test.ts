// Where a receipt's log position lives: its leaf row in tlog_nodes (receipt_id), written once by
// the sequencer; tlog_pending lists the stored receipts not appended yet.
import { rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIssuerKey } from "@/lib/core/receipts";
import { completedNodes, fromBase64, leafHash, parseVerifierKey, rootFromLeafHashes, verifyCheckpoint, verifyInclusionProof } from "@/lib/core/tlog";
import type { DatabaseHandle } from "../db/client";
import { migrateDatabase, rowsOf } from "../db/migrate";
import { createIssuer } from "../issuers";
import { getReceipt, listReceipts } from "../receipts";
import { ingestLines, payload, sign } from "../receipts/receipts.test-support";
import { createSource } from "../sources";
import { anonymousCtx, roleCtx, systemCtx } from "../testing/contexts";
import { migrationsUpTo, reopenableDatabase, type Reopenable } from "../testing/reopenable-database";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { getInclusionProof, getLogOverview, sequencePending, treeSize } from "./index";
import { IAT, logFixture, testLogSigner, type LogFixture } from "./tlog.test-support";

const LAST_MIGRATION_WITH_LOG_INDEX = "0009_receipts_ingest_path";

const count = async (handle: DatabaseHandle, query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await handle.db.execute(query))[0]!.n;

/** Every receipt is either pending or one leaf, never both, never neither; leaves are 0..n-1. */
async function expectLogConsistent(handle: DatabaseHandle): Promise<void> {
  const orphans = await count(handle, sql`
    select count(*)::int as n from receipts r
    where (select count(*) from tlog_pending p where p.receipt_id = r.id) + (select count(*) from tlog_nodes n where n.level = 0 and n.receipt_id = r.id) <> 1`);
  expect(orphans).toBe(0);
  const leaves = rowsOf<{ idx: string | number }>(await handle.db.execute(sql`select idx from tlog_nodes where level = 0 order by idx`));
  expect(leaves.map((l) => Number(l.idx))).toEqual(leaves.map((_, i) => i));
}

describe.each(await databaseKinds())("log positions on %s", (kind) => {
  let f: LogFixture;
  beforeAll(async () => {
    f = await logFixture(kind);
  });
  afterAll(() => f.database.drop());

  it("lists a stored receipt as pending until the sequencer gives it its one position, which duplicates, the explorer and the detail then show", async () => {
    const [first, second] = await f.ingest(["p-1", "p-2"]);
    expect(await count(f.database, sql`select count(*)::int as n from tlog_pending`)).toBe(2);
    expect((await getLogOverview(roleCtx(f.database.db, ["auditor"]), f.log)).pending).toBe(2);
    await sequencePending(f.database.db);
    expect(await count(f.database, sql`select count(*)::int as n from tlog_pending`)).toBe(0);
    await expectLogConsistent(f.database);

    const positions = await f.logged();
    const indexOf = (id: string | null) => positions.find((p) => p.id === id)!.log_index;
    expect([indexOf(first!.id), indexOf(second!.id)].sort()).toEqual([0, 1]);
    const [duplicate] = await f.ingest(["p-2"]);
    expect(duplicate).toMatchObject({ status: "duplicate", id: second!.id, logIndex: indexOf(second!.id) });
    const auditor = roleCtx(f.database.db, ["auditor"]);
    expect((await getReceipt(auditor, second!.id!)).logIndex).toBe(indexOf(second!.id));
    const listed = await listReceipts(auditor, { receiptId: "p-1" });
    expect(listed.items.map((r) => r.logIndex)).toEqual([indexOf(first!.id)]);
    // Sequencing again appends nothing and moves nothing.
    expect(await sequencePending(f.database.db)).toEqual({ appended: 0, size: 2, skipped: false });
    expect(await f.logged()).toEqual(positions);
  });

  it("refuses, in the database itself, a second leaf for a logged receipt and a leaf naming no receipt", async () => {
    const [logged] = await f.logged();
    const failure = (query: ReturnType<typeof sql>) => f.database.db.execute(query).then(() => "inserted", (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await failure(sql`insert into tlog_nodes (level, idx, hash, receipt_id) values (0, 999, decode('00', 'hex'), ${logged!.id}::uuid)`)).toMatch(/tlog_nodes_receipt_idx/);
    expect(await failure(sql`insert into tlog_nodes (level, idx, hash) values (0, 999, decode('00', 'hex'))`)).toMatch(/tlog_nodes_leaf_has_receipt/);
    expect(await failure(sql`insert into tlog_nodes (level, idx, hash, receipt_id) values (1, 999, decode('00', 'hex'), ${logged!.id}::uuid)`)).toMatch(/tlog_nodes_leaf_has_receipt/);
  });

  it("appends receipts stored by concurrent requests once each, and proves each one's inclusion", async () => {
    await Promise.all(Array.from({ length: 4 }, (_, c) => f.ingest(Array.from({ length: 9 }, (_, i) => `conc-${c}-${i}`))));
    await Promise.all([sequencePending(f.database.db, { batchSize: 5 }), sequencePending(f.database.db, { batchSize: 5 })]);
    await expectLogConsistent(f.database);
    const positions = await f.logged();
    expect(positions).toHaveLength(2 + 36);
    const size = await treeSize(f.database.db);
    for (const { id, log_index: index, raw } of positions.filter((_, i) => i % 7 === 0)) {
      const { body } = await getInclusionProof(anonymousCtx(f.database.db), f.log, { receipt: id });
      expect(body.index).toBe(index);
      const verified = await verifyCheckpoint(body.checkpoint, { logKey: parseVerifierKey(f.log.vkey) });
      expect(verified.checkpoint.size).toBe(size);
      verifyInclusionProof(index, size, leafHash(raw), body.hashes.map((h) => fromBase64(h)!), verified.checkpoint.rootHash);
    }
  });
});

describe.each(await databaseKinds())("sequencer node hashes on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("stores the hash of every perfect subtree, as an independent recomputation has it, whatever the batch sizes", async () => {
    const leaves: Uint8Array[] = [];
    for (const [round, batchSize] of [1, 2, 3, 5, 8, 13, 64].entries()) {
      const count = 3 * batchSize + round; // never a whole number of batches
      const added = Array.from({ length: count }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${leaves.length + i}`)));
      for (const [i, leaf] of added.entries()) {
        const at = new Date(Date.UTC(2026, 10, 22, 0, round, 0, i)).toISOString();
        await database.db.execute(sql`insert into tlog_pending (received_at, receipt_id, leaf_hash) values (${at}::timestamptz, gen_random_uuid(), ${Buffer.from(leaf)})`);
      }
      leaves.push(...added);
      expect(await sequencePending(database.db, { batchSize })).toMatchObject({ appended: count, size: leaves.length });
    }
    const nodes = rowsOf<{ level: number; idx: string | number; hash: Uint8Array }>(await database.db.execute(sql`select level, idx, hash from tlog_nodes order by level, idx`));
    const expected = [];
    for (let level = 0; 2 ** level <= leaves.length; level++) {
      for (let idx = 0; (idx + 1) * 2 ** level <= leaves.length; idx++) {
        expected.push({ level, idx, hash: Buffer.from(rootFromLeafHashes(leaves.slice(idx * 2 ** level, (idx + 1) * 2 ** level))).toString("hex") });
      }
    }
    expect(nodes.map((n) => ({ level: n.level, idx: Number(n.idx), hash: Buffer.from(n.hash).toString("hex") }))).toEqual(expected);
  });
});

describe.each(await databaseKinds())("log positions across a restart on %s", (kind) => {
  let database: Reopenable;
  beforeAll(async () => {
    database = await reopenableDatabase(kind);
  });
  afterAll(() => database.drop());

  it("keeps logged positions and pending receipts when the console stops, and continues the sequence after it", async () => {
    const gate = await generateIssuerKey("EdDSA", { kid: "g-1" });
    const receipts = await Promise.all(Array.from({ length: 8 }, (_, i) => sign(gate, payload("gate-restart", `r-${i}`, IAT))));
    let handle = await database.open();
    await migrateDatabase(handle);
    const admin = systemCtx(handle.db);
    const source = (await createSource(admin, { name: "gates" })).source;
    await createIssuer(admin, { iss: "gate-restart", jwks: { keys: [gate.publicJwk] } });
    const stored = await ingestLines(admin, source, receipts.slice(0, 5));
    await sequencePending(handle.db);
    await ingestLines(admin, source, receipts.slice(5));
    const positionsBefore = rowsOf<{ receipt_id: string; idx: string | number }>(await handle.db.execute(sql`select receipt_id, idx from tlog_nodes where level = 0 order by idx`));
    await handle.close();

    handle = await database.open();
    try {
      await migrateDatabase(handle);
      expect(rowsOf(await handle.db.execute(sql`select receipt_id, idx from tlog_nodes where level = 0 order by idx`))).toEqual(positionsBefore);
      // One request's receipts share an arrival time: among them, the log orders by row id.
      expect(positionsBefore.map((p) => p.receipt_id).sort()).toEqual(stored.map((r) => r.id).sort());
      expect(await count(handle, sql`select count(*)::int as n from tlog_pending`)).toBe(3);
      expect(await sequencePending(handle.db)).toEqual({ appended: 3, size: 8, skipped: false });
      await expectLogConsistent(handle);
      const raws = rowsOf<{ raw: Uint8Array }>(await handle.db.execute(sql`select r.raw from tlog_nodes n join receipts r on r.id = n.receipt_id where n.level = 0 order by n.idx`));
      const text = raws.map((r) => Buffer.from(r.raw).toString());
      expect([...text.slice(0, 5).sort(), ...text.slice(5).sort()]).toEqual([...receipts.slice(0, 5).sort(), ...receipts.slice(5).sort()]);
    } finally {
      await handle.close();
    }
  });
});

describe.each(await databaseKinds())("migrating receipts.log_index to leaf rows on %s", (kind) => {
  let database: Reopenable;
  const folder = migrationsUpTo(LAST_MIGRATION_WITH_LOG_INDEX);
  beforeAll(async () => {
    database = await reopenableDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("moves every position to the leaf it hashes, queues the unlogged receipts, drops the column, and the log goes on verifiably", async () => {
    const handle = await database.open();
    try {
      await migrateDatabase(handle, folder);
      const source = rowsOf<{ id: string }>(await handle.db.execute(sql`insert into sources (name, token_hash, token_prefix) values ('old', 'x', 'x') returning id`))[0]!.id;
      const raws = Array.from({ length: 11 }, (_, i) => `old-receipt-${i}.${"x".repeat(i)}`);
      // Receipts 0–6 were logged (at shuffled positions, as arrival order need not be id order); 7–10 were not.
      const positions = [3, 0, 6, 1, 5, 2, 4, null, null, null, null];
      const ids: string[] = [];
      for (const [i, raw] of raws.entries()) {
        const received = new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString();
        const [row] = rowsOf<{ id: string }>(await handle.db.execute(sql`
          insert into receipts (iss, receipt_id, raw, sha256, format, verdict, verified_at, ts, source_id, received_at, log_index)
          values ('gate-old', ${`o-${i}`}, convert_to(${raw}, 'UTF8'), ${`sha-${i}`}, 'compact', 'unknown_issuer', ${received}::timestamptz, ${received}::timestamptz, ${source}::uuid, ${received}::timestamptz, ${positions[i]})
          returning id`));
        ids.push(row!.id);
      }
      const logged = positions.flatMap((p, i) => (p === null ? [] : [{ index: p, raw: raws[i]! }])).sort((a, b) => a.index - b.index);
      const leaves = logged.map((entry) => leafHash(new TextEncoder().encode(entry.raw)));
      for (let size = 1; size <= leaves.length; size++) {
        for (const node of completedNodes(size)) {
          const hash = rootFromLeafHashes(leaves.slice(node.index * 2 ** node.level, (node.index + 1) * 2 ** node.level));
          await handle.db.execute(sql`insert into tlog_nodes (level, idx, hash) values (${node.level}, ${node.index}, ${Buffer.from(hash)})`);
        }
      }

      await migrateDatabase(handle);
      const column = await count(handle, sql`select count(*)::int as n from information_schema.columns where table_name = 'receipts' and column_name = 'log_index'`);
      expect(column).toBe(0);
      const moved = rowsOf<{ receipt_id: string; idx: string | number }>(await handle.db.execute(sql`select receipt_id, idx from tlog_nodes where level = 0 order by idx`));
      expect(moved.map((m) => [m.receipt_id, Number(m.idx)])).toEqual(logged.map((entry) => [ids[raws.indexOf(entry.raw)], entry.index]));
      const pending = rowsOf<{ receipt_id: string }>(await handle.db.execute(sql`select receipt_id from tlog_pending order by received_at, receipt_id`));
      expect(pending.map((p) => p.receipt_id)).toEqual(ids.slice(7));

      expect(await sequencePending(handle.db)).toEqual({ appended: 4, size: 11, skipped: false });
      await expectLogConsistent(handle);
      const log = await testLogSigner();
      for (const i of [1, 4, 9]) {
        const { body } = await getInclusionProof(anonymousCtx(handle.db), log, { receipt: ids[i]! });
        expect(body.index).toBe(i < 7 ? positions[i] : i);
        const verified = await verifyCheckpoint(body.checkpoint, { logKey: parseVerifierKey(log.vkey) });
        verifyInclusionProof(body.index, 11, leafHash(new TextEncoder().encode(raws[i]!)), body.hashes.map((h) => fromBase64(h)!), verified.checkpoint.rootHash);
      }
    } finally {
      await handle.close();
    }
  });
});
