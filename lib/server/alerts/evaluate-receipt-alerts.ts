import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { REJECTION_STEPS } from "@/lib/core/receipts";
import type { Ctx } from "../auth/actor";
import { rowsOf } from "../db/migrate";
import type { AlertKind } from "./alert-kinds";
import { applySignal, openAlerts, resolveAlert, type AlertRow } from "./alert-store";
import { loadRuleStates, saveRuleStates } from "./rule-state";

const MINUTE = 60_000;
/** New findings are looked for since the last pass (minus a margin for slow commits), at least 15 minutes back, at most a day. */
const DETECT_MIN_MS = 15 * MINUTE;
const DETECT_MARGIN_MS = 5 * MINUTE;
const DETECT_MAX_MS = 24 * 60 * MINUTE;
const FAILURE_VERDICTS = Object.keys(REJECTION_STEPS);
/** Verdicts that mean someone signed (or altered) something with a key they should not have. */
const FORGERY_VERDICTS = new Set(["bad_signature", "key_mismatch"]);

type Spec = { kind: AlertKind; condition: SQL; quietMs: number; summary(iss: string, total: number): string; description: string };

const SPECS: Spec[] = [
  {
    kind: "receipt_verification_failures",
    condition: sql`verdict in (${sql.join(FAILURE_VERDICTS.map((v) => sql`${v}`), sql`, `)})`,
    quietMs: 60 * MINUTE,
    summary: (iss, total) => `${total} receipt${total === 1 ? "" : "s"} from ${iss} failed verification`,
    description: "Receipts that do not verify are not evidence: an unknown or retired key, a bad signature or a malformed receipt. Open the receipts to see each verdict.",
  },
  {
    kind: "receipt_equivocation",
    condition: sql`equivocation_of is not null`,
    quietMs: 24 * 60 * MINUTE,
    summary: (iss, total) => `${iss} equivocated: ${total} receipt id${total === 1 ? "" : "s"} with two different contents`,
    description: "The same (iss, id) arrived with different bytes: the gate told two stories about one decision. Both versions are kept.",
  },
];

type Finding = { iss: string; verdict: string; n: number; last: number; example: string };

async function findings(ctx: Ctx, spec: Spec, from: number): Promise<Finding[]> {
  const result = await ctx.db.execute(sql`
    select iss, verdict, count(*)::int as n, (extract(epoch from max(received_at)) * 1000)::float8 as last,
      (array_agg(id::text order by received_at desc))[1] as example
    from receipts where ${spec.condition} and received_at >= ${new Date(from).toISOString()}::timestamptz
    group by iss, verdict`);
  return rowsOf<Finding>(result).map((row) => ({ ...row, n: Number(row.n), last: Number(row.last) }));
}

function evidenceOf(rows: Finding[]): { total: number; byVerdict: Record<string, number>; lastAt: string; exampleReceiptId: string } {
  const latest = rows.reduce((a, b) => (b.last > a.last ? b : a));
  return {
    total: rows.reduce((sum, row) => sum + row.n, 0),
    byVerdict: Object.fromEntries(rows.map((row) => [row.verdict, row.n])),
    lastAt: new Date(latest.last).toISOString(),
    exampleReceiptId: latest.example,
  };
}

/** One kind of receipt alert per issuer: fires on the first finding, resolves after a quiet period. */
async function evaluateSpec(ctx: Ctx, spec: Spec, since: number): Promise<number> {
  const now = ctx.now.getTime();
  const open = new Map([...(await openAlerts(ctx.db, [spec.kind])).values()].map((row) => [row.labels.iss ?? "", row]));
  const earliestOpen = Math.min(...[...open.values()].map((row) => row.startsAt.getTime() - DETECT_MIN_MS));
  const rows = await findings(ctx, spec, Math.min(since, earliestOpen));
  const byIssuer = new Map<string, Finding[]>();
  for (const row of rows) byIssuer.set(row.iss, [...(byIssuer.get(row.iss) ?? []), row]);
  let changes = 0;
  for (const [iss, found] of byIssuer) {
    const alert = open.get(iss);
    const relevant = found.filter((row) => row.last >= (alert ? alert.startsAt.getTime() - DETECT_MIN_MS : since));
    if (relevant.length === 0) continue;
    const evidence = evidenceOf(relevant);
    const severity = spec.kind === "receipt_equivocation" || relevant.some((row) => FORGERY_VERDICTS.has(row.verdict)) ? "critical" : "warning";
    await applySignal(ctx.db, alert, { kind: spec.kind, identity: { iss }, state: "firing", severity, summary: spec.summary(iss, evidence.total), description: spec.description, evidence }, ctx.now);
    if (!alert) changes++;
  }
  for (const [iss, alert] of open) if (quietFor(alert, byIssuer.get(iss), now) >= spec.quietMs) changes += await resolved(ctx, alert);
  return changes;
}

function quietFor(alert: AlertRow, found: Finding[] | undefined, now: number): number {
  const last = Math.max(Date.parse(String(alert.evidence.lastAt ?? alert.startsAt.toISOString())), ...(found ?? []).map((row) => row.last));
  return now - last;
}

async function resolved(ctx: Ctx, alert: AlertRow): Promise<number> {
  await resolveAlert(ctx.db, alert, ctx.now, "no new findings during the quiet period");
  return 1;
}

/** Receipt verification failures and equivocations, per issuer. */
export async function evaluateReceiptAlerts(ctx: Ctx): Promise<number> {
  const now = ctx.now.getTime();
  const key = "receipts:last-pass";
  const last = (await loadRuleStates<{ at: number }>(ctx.db, key)).get(key)?.at ?? now - DETECT_MAX_MS;
  const since = Math.min(now - DETECT_MIN_MS, Math.max(last - DETECT_MARGIN_MS, now - DETECT_MAX_MS));
  let changes = 0;
  for (const spec of SPECS) changes += await evaluateSpec(ctx, spec, since);
  await saveRuleStates(ctx.db, new Map([[key, { at: now }]]), ctx.now);
  return changes;
}
