import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";

// postgres.js answers bytea as a Buffer, PGlite as a Uint8Array: both are Uint8Arrays.
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

// A receipt issuer: the `iss` its gates write into every receipt, and where its keys come from.
export const issuers = pgTable(
  "issuers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    iss: text("iss").notNull(),
    name: text("name").notNull().default(""),
    // When set, the keys are fetched from here and refreshed on a schedule.
    jwksUrl: text("jwks_url"),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
    refreshError: text("refresh_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("issuers_iss_idx").on(t.iss)],
);

// Public keys only (validated by lib/core/receipts before they get here). Never deleted: a
// retired or revoked key still judges the receipts it signed.
export const issuerKeys = pgTable(
  "issuer_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issuerId: uuid("issuer_id")
      .notNull()
      .references(() => issuers.id),
    kid: text("kid").notNull(),
    alg: text("alg"),
    kty: text("kty").notNull(),
    crv: text("crv"),
    jwk: jsonb("jwk").$type<Record<string, string>>().notNull(),
    thumbprint: text("thumbprint").notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true, precision: 3 }),
    validUntil: timestamp("valid_until", { withTimezone: true, precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    revokedReason: text("revoked_reason"),
    revokedBy: text("revoked_by"),
    // "manual" (pasted, uploaded, CLI) or "url" (fetched from the issuer's JWKS URL).
    origin: text("origin").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Bumped on every change; the ingest trust-set cache compares it to stay current.
    changedAt: timestamp("changed_at", { withTimezone: true, precision: 6 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("issuer_keys_kid_idx").on(t.issuerId, t.kid), index("issuer_keys_thumbprint_idx").on(t.thumbprint)],
);

// One row per distinct receipt received: the exact bytes, the verdict they got, and the payload
// fields (as claimed; verified only when verdict = 'valid') to search by.
export const receipts = pgTable(
  "receipts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    iss: text("iss").notNull(),
    receiptId: text("receipt_id").notNull(),
    raw: bytea("raw").notNull(),
    sha256: text("sha256").notNull(),
    format: text("format").notNull(),
    kid: text("kid"),
    alg: text("alg"),
    verdict: text("verdict").notNull(),
    failedStep: smallint("failed_step"),
    verdictMessage: text("verdict_message"),
    // key_id and source_id name rows that are never deleted (keys are kept to judge what they
    // signed; sources are revoked, not deleted). No foreign keys: on the ingest path their
    // per-row checks lock the parent rows (FOR KEY SHARE) and cost a quarter of the insert.
    keyId: uuid("key_id"),
    verifiedAt: timestamp("verified_at", { withTimezone: true, precision: 3 }).notNull(),
    iat: bigint("iat", { mode: "number" }),
    // The receipt's time for sorting and filtering: iat when usable, else when it was received.
    ts: timestamp("ts", { withTimezone: true, precision: 3 }).notNull(),
    surface: text("surface"),
    action: text("action"),
    actor: text("actor"),
    target: text("target"),
    decision: text("decision"),
    policyId: text("policy_id"),
    policyVersion: text("policy_version"),
    policyDigest: text("policy_digest"),
    idempotencyKey: text("idempotency_key"),
    overrideGrant: text("override_grant"),
    sourceId: uuid("source_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull(),
    // Same (iss, receipt_id) as an earlier row with different bytes: the gate told two stories.
    equivocationOf: uuid("equivocation_of").references((): AnyPgColumn => receipts.id),
    // The receipt's position in the transparency log is its leaf row in tlog_nodes (schema/tlog.ts),
    // written once by the sequencer: a column here would rewrite every receipt row a second time.
  },
  (t) => [
    uniqueIndex("receipts_identity_idx").on(t.iss, t.receiptId, t.sha256),
    index("receipts_ts_idx").on(t.ts.desc(), t.id.desc()),
    index("receipts_iss_ts_idx").on(t.iss, t.ts.desc()),
    index("receipts_surface_ts_idx").on(t.surface, t.ts.desc()),
    index("receipts_actor_ts_idx").on(t.actor, t.ts.desc()),
    index("receipts_verdict_ts_idx").on(t.verdict, t.ts.desc()),
    index("receipts_key_idx").on(t.keyId, t.iat),
    index("receipts_grant_idx").on(t.overrideGrant).where(sql`${t.overrideGrant} is not null`),
    index("receipts_equivocation_idx").on(t.equivocationOf).where(sql`${t.equivocationOf} is not null`),
    // The receipts that count for determinism (valid, no break-glass grant, not an equivocation),
    // by request and decision: one probe finds whether a request was ever decided otherwise.
    index("receipts_decided_request_idx")
      .on(t.policyDigest, t.actor, t.surface, t.action, t.target, t.decision)
      .where(sql`${t.verdict} = 'valid' and ${t.overrideGrant} is null and ${t.equivocationOf} is null`),
  ],
);

// Requests (same policy digest, actor, surface, action, target) that valid receipts decided
// differently. Flagged by the log sequencer, which sees every stored receipt exactly once after
// it committed (so two conflicting receipts arriving at once are never both missed), and by
// re-verification when a receipt becomes valid. The findings view counts each flagged request's
// decisions from the receipts themselves, so a later revocation shows at once.
export const determinismConflicts = pgTable(
  "determinism_conflicts",
  {
    policyDigest: text("policy_digest").notNull(),
    actor: text("actor").notNull(),
    surface: text("surface").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    flaggedAt: timestamp("flagged_at", { withTimezone: true, precision: 3 }).notNull(),
    // The latest `ts` of a receipt seen conflicting: the findings view lists the most recent first.
    lastAt: timestamp("last_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ name: "determinism_conflicts_pk", columns: [t.policyDigest, t.actor, t.surface, t.action, t.target] }), index("determinism_conflicts_last_idx").on(t.lastAt.desc())],
);

// Console-wide switches an admin sets (e.g. public receipt verification), one row per key.
export const consoleSettings = pgTable("console_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
