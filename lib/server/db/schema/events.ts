import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sources } from "./sources";

// One row per tool decision. Everything is keyed so it can later be range-partitioned by ts and
// distributed by source (the unique key holds both), per DESIGN.md's scale-out path.
export const decisionEvents = pgTable(
  "decision_events",
  {
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id),
    fingerprint: text("fingerprint").notNull(),
    ts: timestamp("ts", { withTimezone: true, precision: 3 }).notNull(),
    // The exact OTLP nanosecond timestamp (exceeds 2^53, kept as decimal text).
    timeUnixNano: text("time_unix_nano").notNull(),
    timeSource: text("time_source").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull(),
    eventName: text("event_name").notNull(),
    surface: text("surface").notNull(),
    outcome: text("outcome").notNull(),
    decision: text("decision").notNull(),
    decisionSource: text("decision_source"),
    toolName: text("tool_name"),
    sessionId: text("session_id"),
    promptId: text("prompt_id"),
    toolUseId: text("tool_use_id"),
    actor: text("actor"),
    userId: text("user_id"),
    userEmail: text("user_email"),
    organizationId: text("organization_id"),
    serviceName: text("service_name"),
    gateId: text("gate_id"),
    eventSequence: bigint("event_sequence", { mode: "number" }),
    traceId: text("trace_id"),
    spanId: text("span_id"),
    resourceAttributes: jsonb("resource_attributes").notNull(),
    attributes: jsonb("attributes").notNull(),
  },
  (t) => [
    uniqueIndex("decision_events_dedupe_idx").on(t.sourceId, t.fingerprint, t.ts),
    index("decision_events_ts_idx").on(t.ts.desc(), t.id.desc()),
    index("decision_events_surface_ts_idx").on(t.surface, t.ts.desc(), t.id.desc()),
    // The drift dashboard's drill-down: the DENY or SILENCE decisions behind a spike on one surface.
    index("decision_events_surface_outcome_ts_idx").on(t.surface, t.outcome, t.ts.desc(), t.id.desc()),
    index("decision_events_source_ts_idx").on(t.sourceId, t.ts.desc(), t.id.desc()),
    index("decision_events_session_idx").on(t.sessionId, t.ts.desc()),
    index("decision_events_actor_ts_idx").on(t.actor, t.ts.desc()),
    index("decision_events_tool_use_idx").on(t.toolUseId),
  ],
);

// Per-minute counts maintained in the same transaction as the rows (only rows actually
// inserted count, so retries never inflate them): the charts read this, not the raw table.
export const decisionRollupMinute = pgTable(
  "decision_rollup_minute",
  {
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    surface: text("surface").notNull(),
    outcome: text("outcome").notNull(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.surface, t.outcome, t.sourceId] }), index("decision_rollup_surface_idx").on(t.surface, t.minute)],
);
