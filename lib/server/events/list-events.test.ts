import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DecisionRow } from "@/lib/core/otlp";
import { AppError } from "../errors";
import { createSource } from "../sources";
import { roleCtx, systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { getEvent, listEvents, recordDecisions } from "./index";

const BASE = Date.UTC(2026, 10, 20, 12, 0, 0);

function row(i: number, overrides: Partial<DecisionRow> = {}): DecisionRow {
  return {
    fingerprint: `fp-${i}`,
    recordIndex: i,
    eventName: "tool_decision",
    surface: i % 2 ? "payments" : "shell",
    outcome: i % 10 === 0 ? "DENY" : "PERMIT",
    decision: i % 10 === 0 ? "reject" : "accept",
    decisionSource: "config",
    toolName: null,
    sessionId: `session-${i % 4}`,
    promptId: null,
    toolUseId: `toolu_${i}`,
    actor: i % 3 ? "alice@example.com" : "bob@example.com",
    userId: null,
    userEmail: null,
    userAccountUuid: null,
    userAccountId: null,
    organizationId: null,
    serviceName: "gate",
    gateId: "gate-1",
    eventSequence: i,
    timeUnixNano: `${BASE + i * 1000}000000`,
    timeMs: BASE + i * 1000,
    timeSource: "time",
    observedTimeUnixNano: null,
    severityNumber: 0,
    severityText: "",
    body: null,
    traceId: null,
    spanId: null,
    scopeName: "",
    scopeVersion: "",
    resourceAttributes: { "service.name": "gate" },
    attributes: { n: i },
    resourceAttributesJson: '{"service.name":"gate"}',
    attributesJson: `{"n":${i}}`,
    truncated: [],
    droppedAttributes: 0,
    ...overrides,
  } as DecisionRow;
}

describe.each(await databaseKinds())("event explorer queries on %s", (kind) => {
  let database: TestDatabase;
  let sourceId: string;
  const auditor = () => roleCtx(database.db, ["auditor"]);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    sourceId = (await createSource(systemCtx(database.db), { name: "gate" })).source.id;
    const rows = Array.from({ length: 120 }, (_, i) => row(i));
    expect(await recordDecisions(database.db, sourceId, rows, new Date(BASE + 200_000))).toBe(120);
    expect(await recordDecisions(database.db, sourceId, rows, new Date(BASE + 300_000))).toBe(0);
  });
  afterAll(() => database.drop());

  it("pages through everything newest first, without gaps or repeats", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(auditor(), { limit: 25, cursor });
      seen.push(...page.items.map((item) => item.eventSequence!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 119 - i));
  });

  it("filters by surface, outcome, session, actor, source and time together", async () => {
    const page = await listEvents(auditor(), {
      surface: "shell",
      outcome: "DENY",
      actor: "bob@example.com",
      source: sourceId,
      from: new Date(BASE + 30_000).toISOString(),
      to: new Date(BASE + 90_000).toISOString(),
    });
    expect(page.items.map((item) => item.eventSequence)).toEqual([90, 60, 30]);
    const session = await listEvents(auditor(), { session: "session-1", limit: 500 });
    expect(session.items).toHaveLength(30);
    expect(session.items.every((item) => item.sessionId === "session-1")).toBe(true);
  });

  it("returns one event with its attributes, and refuses bad filters and unknown ids", async () => {
    const [first] = (await listEvents(auditor(), { limit: 1 })).items;
    const event = await getEvent(auditor(), String(first!.id));
    expect(event).toMatchObject({ surface: first!.surface, attributes: { n: 119 }, resourceAttributes: { "service.name": "gate" } });
    await expect(getEvent(auditor(), "999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listEvents(auditor(), { outcome: "MAYBE" as never })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(listEvents(auditor(), { cursor: "garbage" })).rejects.toBeInstanceOf(AppError);
  });

  it("keeps the rollup equal to the stored rows", async () => {
    const { sql } = await import("drizzle-orm");
    const { rowsOf } = await import("../db/migrate");
    const [totals] = rowsOf<{ rolled: number; stored: number }>(
      await database.db.execute(sql`select (select sum(count) from decision_rollup_minute)::int as rolled, (select count(*) from decision_events)::int as stored`),
    );
    expect(totals).toEqual({ rolled: 120, stored: 120 });
  });

  it("is refused to callers without a role", async () => {
    await expect(listEvents(roleCtx(database.db, []), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
