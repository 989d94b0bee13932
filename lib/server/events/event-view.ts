import "server-only";
import type { decisionEvents } from "../db/schema";

export type EventView = {
  id: number;
  sourceId: string;
  ts: string;
  timeUnixNano: string;
  receivedAt: string;
  eventName: string;
  surface: string;
  outcome: string;
  decision: string;
  decisionSource: string | null;
  toolName: string | null;
  sessionId: string | null;
  promptId: string | null;
  toolUseId: string | null;
  actor: string | null;
  userEmail: string | null;
  organizationId: string | null;
  serviceName: string | null;
  gateId: string | null;
  eventSequence: number | null;
  traceId: string | null;
  spanId: string | null;
  resourceAttributes: unknown;
  attributes: unknown;
};

export function toEventView(row: typeof decisionEvents.$inferSelect): EventView {
  return {
    id: row.id,
    sourceId: row.sourceId,
    ts: row.ts.toISOString(),
    timeUnixNano: row.timeUnixNano,
    receivedAt: row.receivedAt.toISOString(),
    eventName: row.eventName,
    surface: row.surface,
    outcome: row.outcome,
    decision: row.decision,
    decisionSource: row.decisionSource,
    toolName: row.toolName,
    sessionId: row.sessionId,
    promptId: row.promptId,
    toolUseId: row.toolUseId,
    actor: row.actor,
    userEmail: row.userEmail,
    organizationId: row.organizationId,
    serviceName: row.serviceName,
    gateId: row.gateId,
    eventSequence: row.eventSequence,
    traceId: row.traceId,
    spanId: row.spanId,
    resourceAttributes: row.resourceAttributes,
    attributes: row.attributes,
  };
}
