import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { receipts } from "./receipts";

const time = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

type Scope = { surfaces: string[]; actions: string[] };
type Approval = { by: string; email: string | null; at: number; comment: string | null };

// A break-glass grant (DESIGN.md Contract 4). The token is never stored: only what re-creates
// its claims (the window, the approvals, the issue time) and whether it was handed out.
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    state: text("state").notNull(),
    // The token's `sub`; a console user's email, or an agent/operator id.
    operator: text("operator").notNull(),
    // Every normalized identifier of the grantee (operator, user id, email): self-approval checks.
    operatorIdentities: text("operator_identities").array().notNull(),
    operatorUserId: uuid("operator_user_id").references(() => users.id),
    requestedById: text("requested_by_id").notNull(),
    requestedByEmail: text("requested_by_email"),
    scope: jsonb("scope").$type<Scope>().notNull(),
    justification: text("justification").notNull(),
    ticket: text("ticket"),
    durationSeconds: integer("duration_seconds").notNull(),
    startAt: time("start_at"),
    requestedAt: time("requested_at").notNull(),
    requestExpiresAt: time("request_expires_at").notNull(),
    requiredApprovals: integer("required_approvals").notNull(),
    approvals: jsonb("approvals").$type<Approval[]>().notNull().default([]),
    deniedAt: time("denied_at"),
    deniedBy: text("denied_by"),
    denialComment: text("denial_comment"),
    nbf: time("nbf"),
    exp: time("exp"),
    activatedAt: time("activated_at"),
    revokedAt: time("revoked_at"),
    revokedBy: text("revoked_by"),
    revocationReason: text("revocation_reason"),
    expiredAt: time("expired_at"),
    useCount: integer("use_count").notNull().default(0),
    lastUsedAt: time("last_used_at"),
    // The token's iat and signing kid (the jti is the id, exp is above); never the token itself.
    tokenIssuedAt: time("token_issued_at"),
    tokenKid: text("token_kid"),
    tokenRetrievedAt: time("token_retrieved_at"),
    tokenRetrievedBy: text("token_retrieved_by"),
    updatedAt: time("updated_at").notNull(),
  },
  (t) => [
    check("grants_state_known", sql`${t.state} in ('pending','approved','active','denied','expired','revoked','request_expired')`),
    check("grants_window", sql`${t.exp} is null or (${t.nbf} is not null and ${t.exp} > ${t.nbf} and ${t.exp} - ${t.nbf} <= interval '24 hours')`),
    index("grants_requested_at_idx").on(t.requestedAt.desc(), t.id.desc()),
    index("grants_state_idx").on(t.state, t.requestedAt.desc()),
    index("grants_operator_idx").using("gin", t.operatorIdentities),
    index("grants_revoked_idx").on(t.exp).where(sql`${t.revokedAt} is not null`),
  ],
);

// The timeline: one row per lifecycle step (requested, approval, activated, denied, revoked,
// expired, request_expired, token_retrieved). Uses live in grant_uses.
export const grantEvents = pgTable(
  "grant_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    kind: text("kind").notNull(),
    at: time("at").notNull(),
    actorId: text("actor_id").notNull(),
    actorEmail: text("actor_email"),
    note: text("note"),
  },
  (t) => [index("grant_events_grant_idx").on(t.grantId, t.at, t.id)],
);

// One row per receipt that names a grant in `override.grant`, linked once; `seq` is the cursor
// the alert evaluator follows. A reference to an unknown grant keeps grant_id null.
export const grantUses = pgTable(
  "grant_uses",
  {
    receiptId: uuid("receipt_id")
      .primaryKey()
      .references(() => receipts.id),
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity().notNull().unique(),
    grantRef: text("grant_ref").notNull(),
    grantId: uuid("grant_id").references(() => grants.id),
    at: time("at").notNull(),
    surface: text("surface"),
    action: text("action"),
    actor: text("actor"),
    decision: text("decision"),
    violations: text("violations").array().notNull(),
    linkedAt: time("linked_at").notNull(),
  },
  (t) => [index("grant_uses_grant_idx").on(t.grantId, t.at)],
);
