import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { sources } from "./sources";

const time = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// Hourly counts derived from decision_rollup_minute by the evaluator (re-aggregating the last
// hours each run): 7- and 30-day charts and the 14-day baselines read this, not the minutes.
export const driftRollupHour = pgTable(
  "drift_rollup_hour",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    surface: text("surface").notNull(),
    outcome: text("outcome").notNull(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.surface, t.outcome, t.sourceId] }), index("drift_rollup_hour_surface_idx").on(t.surface, t.hour)],
);

// One row per (surface, outcome ∈ DENY/SILENCE) detector stream: its cached baseline, the
// detector state lib/core/drift carries between evaluations, and the per-minute counts it has
// folded in (so decisions that arrive after their minute was folded are folded later, once).
export const driftStreams = pgTable(
  "drift_streams",
  {
    surface: text("surface").notNull(),
    outcome: text("outcome").notNull(),
    state: jsonb("state"),
    folded: jsonb("folded").$type<Array<[minute: number, n: number, k: number]>>().notNull().default([]),
    baseline: jsonb("baseline"),
    baselineAt: time("baseline_at"),
    updatedAt: time("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surface, t.outcome] }), check("drift_streams_outcome", sql`${t.outcome} in ('DENY','SILENCE')`)],
);

// Small named evaluator states: per-source silence state ("silence:<id>"), cursors, watermarks.
export const alertRuleState = pgTable("alert_rule_state", {
  key: text("key").primaryKey(),
  state: jsonb("state").notNull(),
  updatedAt: time("updated_at").notNull(),
});

// One row per alert episode. A fingerprint (hash of the labels) names the series; at most one
// episode per fingerprint is open (pending or firing) at a time.
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fingerprint: text("fingerprint").notNull(),
    kind: text("kind").notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull(),
    state: text("state").notNull(),
    severity: text("severity").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull().default(""),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull(),
    surface: text("surface"),
    outcome: text("outcome"),
    sourceId: uuid("source_id").references(() => sources.id),
    startsAt: time("starts_at").notNull(),
    firedAt: time("fired_at"),
    resolvedAt: time("resolved_at"),
    updatedAt: time("updated_at").notNull(),
    acknowledgedAt: time("acknowledged_at"),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    acknowledgedByEmail: text("acknowledged_by_email"),
    acknowledgeNote: text("acknowledge_note"),
    // What receivers were last told: the state and severity, and when (for repeats).
    notifiedState: text("notified_state"),
    notifiedSeverity: text("notified_severity"),
    notifiedAt: time("notified_at"),
  },
  (t) => [
    check("alerts_state_known", sql`${t.state} in ('pending','firing','resolved')`),
    check("alerts_severity_known", sql`${t.severity} in ('none','warning','critical')`),
    uniqueIndex("alerts_open_fingerprint_idx").on(t.fingerprint).where(sql`${t.state} <> 'resolved'`),
    index("alerts_starts_idx").on(t.startsAt.desc(), t.id.desc()),
    index("alerts_state_starts_idx").on(t.state, t.startsAt.desc()),
    index("alerts_kind_starts_idx").on(t.kind, t.startsAt.desc()),
    index("alerts_surface_starts_idx").on(t.surface, t.startsAt.desc()),
    index("alerts_notify_idx").on(t.notifiedState).where(sql`${t.state} = 'firing' or ${t.notifiedState} = 'firing'`),
  ],
);

// The life of an alert: pending, firing, escalated, acknowledged, resolved — with who and why.
export const alertEvents = pgTable(
  "alert_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    at: time("at").notNull(),
    type: text("type").notNull(),
    actor: text("actor").notNull(),
    note: text("note"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("alert_events_alert_idx").on(t.alertId, t.at)],
);

// A time-bounded silence: matching alerts are still evaluated and shown, but not notified.
export const alertSilences = pgTable(
  "alert_silences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Label equality matchers, e.g. {"kind": "outcome_rate", "surface": "payments"}.
    matchers: jsonb("matchers").$type<Record<string, string>>().notNull(),
    reason: text("reason").notNull(),
    startsAt: time("starts_at").notNull(),
    endsAt: time("ends_at").notNull(),
    createdAt: time("created_at").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdByEmail: text("created_by_email").notNull(),
    endedAt: time("ended_at"),
    endedByEmail: text("ended_by_email"),
  },
  (t) => [check("alert_silences_window", sql`${t.endsAt} > ${t.startsAt}`), index("alert_silences_ends_idx").on(t.endsAt)],
);

// Per-surface detector settings (absent row = defaults: medium, preset volume, not muted).
export const surfaceAlertSettings = pgTable(
  "surface_alert_settings",
  {
    surface: text("surface").primaryKey(),
    sensitivity: text("sensitivity").notNull().default("medium"),
    minVolume: integer("min_volume"),
    muted: boolean("muted").notNull().default(false),
    updatedAt: time("updated_at").notNull(),
    updatedByEmail: text("updated_by_email"),
  },
  (t) => [check("surface_alert_settings_sensitivity", sql`${t.sensitivity} in ('low','medium','high')`)],
);

// A webhook receiver. The signing secret must be usable, so it is encrypted (AES-256-GCM with a
// key outside the database), never hashed, never logged, and shown only when created or rotated.
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    secretHint: text("secret_hint").notNull(),
    kinds: jsonb("kinds").$type<string[]>().notNull().default([]),
    severities: jsonb("severities").$type<string[]>().notNull().default(["warning", "critical"]),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: time("created_at").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: time("updated_at").notNull(),
  },
  (t) => [uniqueIndex("webhooks_name_lower_idx").on(sql`lower(${t.name})`)],
);

// One notification to one receiver (the exact body, re-signed per attempt), retried with backoff.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    groupKey: text("group_key").notNull(),
    status: text("status").notNull(),
    alertIds: jsonb("alert_ids").$type<string[]>().notNull(),
    body: text("body").notNull(),
    test: boolean("test").notNull().default(false),
    state: text("state").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: time("next_attempt_at").notNull(),
    lastAttemptAt: time("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: time("created_at").notNull(),
    deliveredAt: time("delivered_at"),
  },
  (t) => [
    check("webhook_deliveries_state", sql`${t.state} in ('pending','delivered','failed')`),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt.desc()),
  ],
);

// The delivery log: every attempt with its status code or network error.
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: bigint("delivery_id", { mode: "number" })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: time("at").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.at)],
);
