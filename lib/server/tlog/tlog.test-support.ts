// Test support for the transparency log: a console database with a source, a registered gate
// key, receipts ingested through the real ingest service, and a log key.
import { generateIssuerKey, type IssuerKeyPair } from "@/lib/core/receipts";
import { formatVerifierKey, generateSignerKey, createNoteSigner } from "@/lib/core/tlog";
import { rowsOf } from "../db/migrate";
import { createIssuer } from "../issuers";
import { payload, sign, ingestLines, seconds } from "../receipts/receipts.test-support";
import { createSource, type IngestSource } from "../sources";
import { systemCtx } from "../testing/contexts";
import { createTestDatabase, type DbKind, type TestDatabase } from "../testing/test-database";
import { sql } from "drizzle-orm";
import type { LogSigner } from "./log-key";

export const ORIGIN = "console.test/countersign";
export const IAT = seconds("2026-11-22T09:00:00Z");

/** A log signer with a fresh key. */
export async function testLogSigner(origin = ORIGIN): Promise<LogSigner & { signerKey: string }> {
  const { signerKey } = await generateSignerKey(origin);
  const signer = await createNoteSigner(signerKey);
  return { origin, vkey: formatVerifierKey(signer.verifierKey), signer, signerKey };
}

export type LogFixture = {
  database: TestDatabase;
  source: IngestSource;
  gate: IssuerKeyPair;
  log: LogSigner & { signerKey: string };
  /** Ingests signed receipts with these receipt ids; `forged` ones carry a bad signature. */
  ingest(ids: string[], options?: { forged?: boolean }): Promise<Array<{ id: string | null; status: string; verdict: string }>>;
  /** The stored receipts in log order: row id, log index and exact bytes. */
  logged(): Promise<Array<{ id: string; log_index: number; raw: Uint8Array }>>;
};

/** A fresh database with a source, a gate issuer "gate-log" and a log key. */
export async function logFixture(kind: DbKind): Promise<LogFixture> {
  const database = await createTestDatabase(kind);
  const admin = systemCtx(database.db);
  const source = (await createSource(admin, { name: "gates" })).source;
  const gate = await generateIssuerKey("EdDSA", { kid: "g-1" });
  const impostor = await generateIssuerKey("EdDSA", { kid: "g-1" });
  await createIssuer(admin, { iss: "gate-log", jwks: { keys: [gate.publicJwk] } });
  const log = await testLogSigner();
  return {
    database,
    source,
    gate,
    log,
    async ingest(ids, options = {}) {
      const key = options.forged ? impostor : gate;
      const jws = await Promise.all(ids.map((id) => sign(key, payload("gate-log", id, IAT))));
      return ingestLines(systemCtx(database.db), source, jws);
    },
    async logged() {
      const result = await database.db.execute(sql`select r.id, n.idx::int as log_index, r.raw from tlog_nodes n join receipts r on r.id = n.receipt_id where n.level = 0 order by n.idx`);
      return rowsOf<{ id: string; log_index: number; raw: Uint8Array }>(result).map((r) => ({ ...r, raw: new Uint8Array(r.raw) }));
    },
  };
}
