import "server-only";
import type { Ctx } from "../auth/actor";
import { listGrantUsesSince, type GrantUseEvent } from "../grants/list-grant-uses-since";
import { listGrantWindows } from "../grants/list-grant-windows";
import { applySignal, openAlerts, resolveAlert, type AlertRow } from "./alert-store";
import { loadRuleStates, saveRuleStates } from "./rule-state";

const CURSOR_KEY = "grants:uses-cursor";
const PAGE = 500;
const MAX_PAGES = 20;
/** A "used" alert ends once its grant is no longer active and has not been used for this long. */
const USED_QUIET_MS = 10 * 60_000;
/** A violation alert ends after a day without a new violation on that grant. */
const VIOLATION_QUIET_MS = 24 * 3_600_000;

type UseSummary = { grant: string; grantId: string | null; operator: string | null; uses: GrantUseEvent[] };

function group(uses: readonly GrantUseEvent[]): Map<string, UseSummary> {
  const map = new Map<string, UseSummary>();
  for (const use of uses) {
    const grant = use.grantId ?? use.grantRef;
    const entry = map.get(grant) ?? { grant, grantId: use.grantId, operator: use.operator, uses: [] };
    entry.uses.push(use);
    map.set(grant, entry);
  }
  return map;
}

function distinct(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}

/** Evidence accumulated over an episode: counts add up, lists merge, the latest use wins. */
function mergedEvidence(previous: Record<string, unknown> | undefined, summary: UseSummary) {
  const last = summary.uses[summary.uses.length - 1]!;
  const before = (key: string) => (Array.isArray(previous?.[key]) ? (previous[key] as string[]) : []);
  return {
    grantId: summary.grantId,
    grantRef: last.grantRef,
    operator: summary.operator,
    uses: Number(previous?.uses ?? 0) + summary.uses.length,
    surfaces: distinct([...before("surfaces"), ...summary.uses.map((u) => u.surface)]),
    actions: distinct([...before("actions"), ...summary.uses.map((u) => u.action)]),
    actors: distinct([...before("actors"), ...summary.uses.map((u) => u.actor)]).slice(0, 20),
    flags: distinct([...before("flags"), ...summary.uses.flatMap((u) => u.violations)]),
    lastAt: last.at,
    lastReceiptId: last.receiptId,
  };
}

async function newUses(ctx: Ctx): Promise<{ uses: GrantUseEvent[]; cursor: number }> {
  let cursor = (await loadRuleStates<{ seq: number }>(ctx.db, CURSOR_KEY)).get(CURSOR_KEY)?.seq ?? 0;
  const uses: GrantUseEvent[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await listGrantUsesSince(ctx, { cursor, limit: PAGE });
    uses.push(...batch.items);
    cursor = batch.nextCursor;
    if (batch.items.length < PAGE) break;
  }
  return { uses, cursor };
}

async function raise(ctx: Ctx, open: Map<string, AlertRow>, summary: UseSummary, violation: boolean): Promise<void> {
  const kind = violation ? "break_glass_violation" : "break_glass_used";
  const alert = open.get(summary.grant);
  const evidence = mergedEvidence(alert?.evidence, summary);
  const who = summary.operator ?? "an unknown operator";
  await applySignal(ctx.db, alert, {
    kind,
    identity: { grant: summary.grant },
    state: "firing",
    severity: violation ? "critical" : "warning",
    summary: violation
      ? `Break-glass violation on ${summary.grant}: ${evidence.flags.join(", ")} (${evidence.uses} receipt${evidence.uses === 1 ? "" : "s"})`
      : `Break-glass grant ${summary.grant} used ${evidence.uses} time${evidence.uses === 1 ? "" : "s"} by ${who} on ${evidence.surfaces.join(", ") || "—"}`,
    description: violation
      ? "A receipt claimed a break-glass override the grant did not allow (outside its window, after revocation, out of scope, or a grant this console never issued)."
      : "Every use of a break-glass grant is alerted: check it matches the grant's justification.",
    evidence,
  }, ctx.now);
}

/** Open alerts of one kind keyed by their grant label. */
async function openByGrant(ctx: Ctx, kind: "break_glass_used" | "break_glass_violation"): Promise<Map<string, AlertRow>> {
  return new Map([...(await openAlerts(ctx.db, [kind])).values()].map((row) => [row.labels.grant ?? "", row]));
}

/** Break-glass used (per grant, every use) and violations (per grant, flagged uses), from the grants' linked uses. */
export async function evaluateGrantAlerts(ctx: Ctx): Promise<number> {
  const now = ctx.now.getTime();
  const { uses, cursor } = await newUses(ctx);
  const used = await openByGrant(ctx, "break_glass_used");
  const violations = await openByGrant(ctx, "break_glass_violation");
  for (const summary of group(uses.filter((u) => u.violations.length === 0)).values()) await raise(ctx, used, summary, false);
  for (const summary of group(uses.filter((u) => u.violations.length > 0)).values()) await raise(ctx, violations, summary, true);
  await saveRuleStates(ctx.db, new Map([[CURSOR_KEY, { seq: cursor }]]), ctx.now);

  const active = new Set((await listGrantWindows(ctx, { from: ctx.now, to: new Date(now + 1) })).filter((w) => Date.parse(w.end) > now).map((w) => w.id));
  let resolved = 0;
  for (const [grant, alert] of await openByGrant(ctx, "break_glass_used")) {
    if (active.has(grant) || now - Date.parse(String(alert.evidence.lastAt)) < USED_QUIET_MS) continue;
    await resolveAlert(ctx.db, alert, ctx.now, "the grant is no longer active");
    resolved++;
  }
  for (const alert of (await openByGrant(ctx, "break_glass_violation")).values()) {
    if (now - Date.parse(String(alert.evidence.lastAt)) < VIOLATION_QUIET_MS) continue;
    await resolveAlert(ctx.db, alert, ctx.now, "no new violation for a day");
    resolved++;
  }
  return uses.length + resolved;
}
