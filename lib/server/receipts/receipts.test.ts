import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIssuerKey, MAX_BATCH_ITEMS, type IssuerKeyPair } from "@/lib/core/receipts";
import { FIXTURES_DIR, loadVectorFile, trustFileText, vectorReceipt } from "@/lib/core/receipts/fixtures/load-vectors";
import { rowsOf } from "../db/migrate";
import { addIssuerKeys, createIssuer, revokeIssuerKey } from "../issuers";
import { createSource, type IngestSource } from "../sources";
import { anonymousCtx, FROZEN_NOW, roleCtx, systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { metrics } from "../telemetry/metrics";
import { sequencePending } from "../tlog";
import { getReceipt, getReceiptFindings, ingestReceipts, listReceipts } from "./index";
import { ingestLines, payload, rejection, seconds, sign } from "./receipts.test-support";

const vectors = loadVectorFile();
const VECTOR_NOW = new Date(vectors.now);
const IAT = seconds("2026-11-22T09:00:00Z");
const encode = (text: string) => new TextEncoder().encode(text);

describe.each(await databaseKinds())("receipt ingest and explorer on %s", (kind) => {
  let database: TestDatabase;
  let source: IngestSource;
  let gate: IssuerKeyPair;
  const admin = () => systemCtx(database.db);
  const count = async (where = sql`true`) => rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from receipts where ${where}`))[0]!.n;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    source = (await createSource(admin(), { name: "gates" })).source;
    for (const iss of ["gate-eu-1", "gate-us-2", "gate-openssl"]) await createIssuer(admin(), { iss, jwks: trustFileText() });
    gate = await generateIssuerKey("EdDSA", { kid: "g-1" });
    await createIssuer(admin(), { iss: "gate-test", jwks: { keys: [gate.publicJwk] } });
  });
  afterAll(() => database.drop());

  it("gives every shared vector the verdict the vector expects, one request each", async () => {
    const ctx = systemCtx(database.db, VECTOR_NOW);
    for (const vector of vectors.vectors) {
      // A JSON array keeps each receipt's exact text, line breaks included.
      const [result] = (await ingestReceipts(ctx, source, encode(JSON.stringify([vectorReceipt(vector)])), "application/json")).results;
      expect(result!.verdict, vector.name).toBe(vector.expectedVerdict);
      if (result!.status === "rejected") expect(result!.id, vector.name).toBeNull();
      else expect(result!.step ?? undefined, vector.name).toBe(vector.step);
    }
    // Every vector with a readable iss and id is stored with that verdict, bytes kept exactly.
    const stored = rowsOf<{ receipt_id: string; verdict: string; raw: Uint8Array }>(await database.db.execute(sql`select receipt_id, verdict, raw from receipts where iss like 'gate-%'`));
    const valid = vectors.vectors.find((v) => v.name === "valid-eddsa-compact")!;
    expect(stored.some((r) => Buffer.from(r.raw).toString("utf8") === vectorReceipt(valid) && r.verdict === "valid")).toBe(true);
    expect(stored.some((r) => r.verdict === "bad_signature")).toBe(true);
    expect(stored.some((r) => r.verdict === "malformed" || r.verdict === "oversized")).toBe(false);
    // A receipt dated after its arrival is filed under its arrival, not its claim.
    const [future] = (await listReceipts(admin(), { verdict: "future_iat" })).items;
    expect(future).toMatchObject({ ts: VECTOR_NOW.toISOString(), receivedAt: VECTOR_NOW.toISOString() });
    expect(future!.iat).toBeGreaterThan(VECTOR_NOW.getTime() / 1000);
  });

  it("splits the shared batches by media type and answers in input order", async () => {
    for (const batch of vectors.batches) {
      const body = new Uint8Array(readFileSync(join(FIXTURES_DIR, batch.file)));
      const { results } = await ingestReceipts(systemCtx(database.db, VECTOR_NOW), source, body, batch.contentType);
      expect(results.map((r) => r.verdict), batch.name).toEqual(batch.expectedVerdicts);
    }
  });

  it("answers identical bytes as a duplicate with the stored result, and keeps both versions of an equivocation", async () => {
    const first = await sign(gate, payload("gate-test", "eq-1", IAT));
    const [stored] = await ingestLines(admin(), source, [first]);
    expect(stored).toMatchObject({ status: "stored", verdict: "valid", logIndex: null });
    const duplicates = () => metrics.receipts.get().then((m) => m.values.find((v) => v.labels.status === "duplicate" && v.labels.verdict === "valid")?.value ?? 0);
    const before = await duplicates();
    const [duplicate] = await ingestLines(admin(), source, [first]);
    expect(duplicate).toEqual({ ...stored, status: "duplicate" });
    expect(await duplicates()).toBe(before + 1);

    const other = await sign(gate, payload("gate-test", "eq-1", IAT, { decision: "DENY" }));
    const [equivocation] = await ingestLines(admin(), source, [other]);
    expect(equivocation).toMatchObject({ status: "equivocation", verdict: "valid" });
    expect(equivocation!.id).not.toBe(stored!.id);
    expect(await count(sql`iss = 'gate-test' and receipt_id = 'eq-1'`)).toBe(2);
    const detail = await getReceipt(roleCtx(database.db, ["auditor"]), equivocation!.id!);
    expect(detail).toMatchObject({ equivocationOf: stored!.id, sameIdentity: [{ id: stored!.id, decision: "PERMIT" }] });
    const findings = await getReceiptFindings(roleCtx(database.db, ["auditor"]));
    expect(findings.equivocations.find((f) => f.receiptId === "eq-1")?.versions.map((v) => v.decision)).toEqual(["PERMIT", "DENY"]);

    // Within one request as well: the same receipt twice, then another version of it.
    const third = await sign(gate, payload("gate-test", "eq-2", IAT));
    const fourth = await sign(gate, payload("gate-test", "eq-2", IAT, { reason: "changed" }));
    expect((await ingestLines(admin(), source, [third, third, fourth])).map((r) => r.status)).toEqual(["stored", "duplicate", "equivocation"]);
  });

  it("stores receipts of unknown keys and issuers, and verifies them again when the key is registered", async () => {
    const newcomer = await generateIssuerKey("ES256", { kid: "n-1" });
    const rotated = await generateIssuerKey("EdDSA", { kid: "g-2" });
    const results = await ingestLines(admin(), source, [
      await sign(newcomer, payload("gate-new", "n-a", IAT)),
      await sign(newcomer, payload("gate-new", "n-b", IAT)),
      await sign(rotated, payload("gate-test", "rot-a", IAT)),
    ]);
    expect(results.map((r) => [r.status, r.verdict])).toEqual([["stored", "unknown_issuer"], ["stored", "unknown_issuer"], ["stored", "unknown_key"]]);

    const registered = await createIssuer(admin(), { iss: "gate-new", jwks: { keys: [newcomer.publicJwk] } });
    expect(registered.reverified).toEqual({ checked: 2, changed: 2 });
    const [gateTest] = (await database.db.execute(sql`select id from issuers where iss = 'gate-test'`).then(rowsOf<{ id: string }>));
    const added = await addIssuerKeys(admin(), gateTest!.id, { jwks: { keys: [rotated.publicJwk] } });
    expect(added.reverified).toEqual({ checked: 1, changed: 1 });
    const page = await listReceipts(roleCtx(database.db, ["oncall"]), { issuer: "gate-new" });
    expect(page.items.map((r) => r.verdict)).toEqual(["valid", "valid"]);
    const detail = await getReceipt(roleCtx(database.db, ["oncall"]), page.items[0]!.id);
    expect(detail.key).toMatchObject({ kid: "n-1", thumbprint: registered.issuer.keys[0]!.thumbprint });
  });

  it("stores each receipt once when several clients send the same receipts at the same time", async () => {
    const batch = await Promise.all(Array.from({ length: 40 }, (_, i) => sign(gate, payload("gate-test", `c-${i}`, IAT))));
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => ingestLines(systemCtx(database.db), source, i % 2 ? [...batch].reverse() : batch)));
    expect(await count(sql`receipt_id like 'c-%'`)).toBe(40);
    const stored = answers.flat().filter((r) => r.status === "stored");
    expect(stored).toHaveLength(40);
    expect(answers.flat().filter((r) => r.status === "duplicate")).toHaveLength(160);
    expect(new Set(answers.flat().map((r) => r.id)).size).toBe(40);
  });

  it("finds determinism violations among valid receipts, leaving break-glass overrides out", async () => {
    const request = { actor: "agent:ops", surface: "deploy", action: "rollout", target: "svc:api", context: {} };
    await ingestLines(admin(), source, [
      await sign(gate, payload("gate-test", "d-1", IAT, { request, decision: "PERMIT" })),
      await sign(gate, payload("gate-test", "d-2", IAT + 1, { request, decision: "DENY" })),
      await sign(gate, payload("gate-test", "d-3", IAT + 2, { request, decision: "DENY" })),
      await sign(gate, payload("gate-test", "o-1", IAT, { request: { ...request, target: "svc:db" }, decision: "DENY" })),
      await sign(gate, payload("gate-test", "o-2", IAT, { request: { ...request, target: "svc:db" }, decision: "PERMIT", override: { grant: "bg-1" } })),
    ]);
    // Conflicts are flagged as the log sequencer takes the receipts in.
    expect((await getReceiptFindings(roleCtx(database.db, ["admin"]))).determinism.some((f) => f.surface === "deploy")).toBe(false);
    await sequencePending(database.db);
    const { determinism } = await getReceiptFindings(roleCtx(database.db, ["admin"]));
    const finding = determinism.find((f) => f.surface === "deploy");
    expect(finding).toMatchObject({ actor: "agent:ops", target: "svc:api", policyVersions: ["7"], decisions: [{ decision: "DENY", count: 2 }, { decision: "PERMIT", count: 1 }] });
    expect(determinism.some((f) => f.target === "svc:db")).toBe(false);
    const grants = await listReceipts(admin(), { grant: "any", issuer: "gate-test" });
    expect(grants.items.map((r) => r.receiptId)).toEqual(["o-2"]);
  });

  it("lists unknown and revoked key findings and filters the explorer, paging by keyset", async () => {
    const { keys } = await getReceiptFindings(roleCtx(database.db, ["auditor"]));
    expect(keys.map((k) => k.verdict)).toEqual(expect.arrayContaining(["unknown_issuer", "unknown_key", "key_revoked"]));
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listReceipts(admin(), { limit: 7, cursor });
      all.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(await count());
    expect(new Set(all).size).toBe(all.length);
    const denied = await listReceipts(admin(), { decision: "DENY", verdict: "valid", issuer: "gate-test", from: "2026-11-22T09:00:01Z" });
    expect(denied.items.map((r) => r.receiptId).sort()).toEqual(["d-2", "d-3"]);
    expect((await rejection(listReceipts(admin(), { verdict: "nonsense" as never }))).details?.fields?.verdict).toBeDefined();
    expect((await rejection(listReceipts(admin(), { cursor: "garbage" }))).code).toBe("VALIDATION");
  });

  it("shows a receipt with decoded content, key, raw bytes and the decision events of the same tool use", async () => {
    const raw = await sign(gate, payload("gate-test", "ev-1", IAT, { request: { actor: "agent:x", surface: "shell", action: "exec", target: "ls", context: { tool_use_id: "toolu_01" } } }));
    const id = (await ingestLines(admin(), source, [raw]))[0]!.id!;
    await database.db.execute(sql`
      insert into decision_events (source_id, fingerprint, ts, time_unix_nano, time_source, received_at, event_name, surface, outcome, decision, tool_use_id, session_id, resource_attributes, attributes)
      values (${source.id}, 'f1', ${FROZEN_NOW.toISOString()}, '1', 'record', ${FROZEN_NOW.toISOString()}, 'tool_decision', 'shell', 'PERMIT', 'accept', 'toolu_01', 's-1', '{}', '{}'),
             (${source.id}, 'f2', ${FROZEN_NOW.toISOString()}, '2', 'record', ${FROZEN_NOW.toISOString()}, 'tool_decision', 'shell', 'DENY', 'reject', 'toolu_99', 's-2', '{}', '{}')`);
    const detail = await getReceipt(roleCtx(database.db, ["auditor"]), id);
    expect(detail).toMatchObject({ raw, verdict: "valid", header: { alg: "EdDSA", kid: "g-1" }, payload: { id: "ev-1" }, key: { kid: "g-1" }, source: { name: "gates" } });
    expect(detail.decisionEvents.map((e) => [e.toolUseId, e.matchedBy])).toEqual([["toolu_01", "tool_use_id"]]);
    expect((await rejection(getReceipt(admin(), "00000000-0000-4000-8000-000000000000"))).code).toBe("NOT_FOUND");
    expect((await rejection(getReceipt(admin(), "not-an-id"))).code).toBe("VALIDATION");
  });

  it("refuses bodies it cannot split, over-long batches and callers without a role or a source", async () => {
    const ctx = admin();
    expect((await rejection(ingestReceipts(ctx, source, encode("a.b.c"), "application/xml"))).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((await rejection(ingestReceipts(ctx, source, encode("[1, "), "application/json"))).code).toBe("BAD_REQUEST");
    const many = Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => "a.b.c").join("\n");
    expect((await rejection(ingestReceipts(ctx, source, encode(many), "application/jose"))).code).toBe("LIMIT_EXCEEDED");
    expect((await rejection(ingestReceipts(ctx, undefined as never, encode("a.b.c"), "application/jose"))).code).toBe("UNAUTHENTICATED");
    expect((await rejection(getReceiptFindings(roleCtx(database.db, ["oncall"])))).code).toBe("FORBIDDEN");
    for (const call of [listReceipts(anonymousCtx(database.db), {}), getReceipt(anonymousCtx(database.db), "x"), getReceiptFindings(anonymousCtx(database.db))]) {
      expect((await rejection(call)).code).toBe("UNAUTHENTICATED");
    }
    // One bad receipt in a batch does not fail the others.
    const good = await sign(gate, payload("gate-test", "mix-1", IAT));
    expect((await ingestLines(ctx, source, ["not-a-receipt", good])).map((r) => [r.status, r.verdict])).toEqual([["rejected", "malformed"], ["stored", "valid"]]);
    // Values Postgres text cannot hold (U+0000, unpaired surrogates): no identity, or a null column.
    const odd = await ingestLines(ctx, source, [
      await sign(gate, payload("gate-test\u0000", "nul-1", IAT)),
      await sign(gate, payload("gate-test", "lone-\ud800", IAT)),
      await sign(gate, payload("gate-test", "odd-surface", IAT, { request: { actor: "a", surface: "s\udc00", action: "x", target: "t" } })),
    ]);
    expect(odd.map((r) => [r.status, r.verdict])).toEqual([["rejected", "unknown_issuer"], ["rejected", "valid"], ["stored", "valid"]]);
    expect((await getReceipt(admin(), odd[2]!.id!)).surface).toBeNull();
    // Tabs, line breaks and backslashes (COPY's own delimiters and escapes) are stored as they are.
    const tricky = { actor: "agent\\x41\tb", surface: "s\nt", action: "a\r\\N", target: "\\." };
    const escapedId = "esc\t\\1";
    const signed = await sign(gate, payload("gate-test", escapedId, IAT, { request: { ...tricky, context: {} }, idempotency_key: "k\\" }));
    const [escaped] = await ingestLines(ctx, source, [signed]);
    expect(escaped).toMatchObject({ status: "stored", verdict: "valid" });
    type Stored = { receipt_id: string; actor: string; surface: string; action: string; target: string; idempotency_key: string; raw: Uint8Array };
    const [row] = rowsOf<Stored>(await database.db.execute(sql`select receipt_id, actor, surface, action, target, idempotency_key, raw from receipts where id = ${escaped!.id}::uuid`));
    expect(row).toMatchObject({ receipt_id: escapedId, ...tricky, idempotency_key: "k\\" });
    expect(Buffer.from(row!.raw).toString()).toBe(signed);
  });

  it("flags a request decided differently across requests and batches, as re-verification and revocation change the verdicts", async () => {
    const request = { actor: "agent:late", surface: "dns", action: "update", target: "zone:example.org", context: {} };
    const findingOf = async () => (await getReceiptFindings(roleCtx(database.db, ["auditor"]))).determinism.find((f) => f.surface === "dns");
    // A PERMIT, logged; then the same request DENIED in a later request and a later sequencer batch.
    await ingestLines(admin(), source, [await sign(gate, payload("gate-test", "late-1", IAT, { request }))]);
    await sequencePending(database.db);
    expect(await findingOf()).toBeUndefined();
    await ingestLines(admin(), source, [await sign(gate, payload("gate-test", "late-2", IAT + 5, { request, decision: "DENY" }))]);
    await sequencePending(database.db);
    expect((await findingOf())?.decisions.map((d) => [d.decision, d.count])).toEqual([["DENY", 1], ["PERMIT", 1]]);

    // A SILENCE signed by a key the console does not know yet counts once the key is registered.
    const later = await generateIssuerKey("EdDSA", { kid: "g-late" });
    const [silent] = await ingestLines(admin(), source, [await sign(later, payload("gate-test", "late-3", IAT + 10, { request, decision: "SILENCE" }))]);
    expect(silent!.verdict).toBe("unknown_key");
    await sequencePending(database.db);
    expect((await findingOf())?.decisions.map((d) => d.decision)).toEqual(["DENY", "PERMIT"]);
    const [issuer] = await database.db.execute(sql`select id from issuers where iss = 'gate-test'`).then(rowsOf<{ id: string }>);
    const added = await addIssuerKeys(admin(), issuer!.id, { jwks: { keys: [later.publicJwk] } });
    expect((await findingOf())?.decisions.map((d) => d.decision)).toEqual(["DENY", "PERMIT", "SILENCE"]);

    // Revoking that key before the SILENCE was signed takes it out of the count at once.
    const laterKey = added.issuer.keys.find((k) => k.kid === "g-late")!;
    await revokeIssuerKey(admin(), issuer!.id, laterKey.id, { reason: "test", revokedAt: new Date((IAT + 10) * 1000) });
    expect((await findingOf())?.decisions.map((d) => d.decision)).toEqual(["DENY", "PERMIT"]);
  });
});
