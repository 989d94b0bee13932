import "server-only";
import { asc, eq } from "drizzle-orm";
import { SENSITIVITY_PRESETS, type Baseline, type Sensitivity, type SilenceState } from "@/lib/core/drift";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { driftStreams, sources, surfaceAlertSettings } from "../db/schema";
import { notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { toBaselineView, type BaselineView } from "../drift/series";
import { entityId } from "./entity-id";
import { loadRuleStates } from "./rule-state";
import { UpdateSourceIntervalInput, UpdateSurfaceSettingsInput } from "./schemas";

export type SurfaceSettingsView = {
  surface: string;
  sensitivity: Sensitivity;
  minVolume: number | null;
  /** The minimum volume in force: the setting, else the preset's. */
  effectiveMinVolume: number;
  muted: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  baselines: { DENY: BaselineView | null; SILENCE: BaselineView | null };
};

export type SourceAlertView = { id: string; name: string; expectedIntervalSeconds: number; lastSeenAt: string | null; status: "ok" | "late" | "silent" | "never" };

export type AlertSettings = { surfaces: SurfaceSettingsView[]; sources: SourceAlertView[] };

/** Detector settings of every known surface (with its baselines) and the silence settings of every active source. */
export async function getAlertSettings(ctx: Ctx): Promise<AlertSettings> {
  requireRole(ctx, "oncall", "auditor", "admin");
  const [settings, streams, sourceRows, silence] = [
    await ctx.db.select().from(surfaceAlertSettings),
    await ctx.db.select({ surface: driftStreams.surface, outcome: driftStreams.outcome, baseline: driftStreams.baseline }).from(driftStreams),
    await ctx.db.select().from(sources).orderBy(asc(sources.name)),
    await loadRuleStates<SilenceState>(ctx.db, "silence:"),
  ];
  const names = [...new Set([...streams.map((s) => s.surface), ...settings.map((s) => s.surface)])].sort();
  const baseline = (surface: string, outcome: string) => {
    const row = streams.find((s) => s.surface === surface && s.outcome === outcome)?.baseline as Baseline | null | undefined;
    return row ? toBaselineView(row) : null;
  };
  return {
    surfaces: names.map((surface) => {
      const row = settings.find((s) => s.surface === surface);
      const sensitivity = (row?.sensitivity ?? "medium") as Sensitivity;
      return {
        surface,
        sensitivity,
        minVolume: row?.minVolume ?? null,
        effectiveMinVolume: row?.minVolume ?? SENSITIVITY_PRESETS[sensitivity].minVolume,
        muted: row?.muted ?? false,
        updatedAt: row?.updatedAt.toISOString() ?? null,
        updatedBy: row?.updatedByEmail ?? null,
        baselines: { DENY: baseline(surface, "DENY"), SILENCE: baseline(surface, "SILENCE") },
      };
    }),
    sources: sourceRows
      .filter((s) => s.revokedAt === null)
      .map((s) => ({
        id: s.id,
        name: s.name,
        expectedIntervalSeconds: s.expectedIntervalSeconds,
        lastSeenAt: s.lastSeenAt?.toISOString() ?? null,
        status: s.lastSeenAt === null ? "never" : (silence.get(`silence:${s.id}`)?.status ?? "ok"),
      })),
  };
}

/** Sets a surface's sensitivity, minimum volume and mute (on-call, admin); audited with before and after. */
export async function updateSurfaceSettings(ctx: Ctx, rawInput: UpdateSurfaceSettingsInput): Promise<void> {
  const actor = requireRole(ctx, "oncall", "admin");
  const input = parseInput(UpdateSurfaceSettingsInput, rawInput);
  const by = actor.type === "user" ? actor.email : actor.name;
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(surfaceAlertSettings).where(eq(surfaceAlertSettings.surface, input.surface)).for("update");
    const values = { sensitivity: input.sensitivity, minVolume: input.minVolume, muted: input.muted, updatedAt: ctx.now, updatedByEmail: by };
    await tx.insert(surfaceAlertSettings).values({ surface: input.surface, ...values }).onConflictDoUpdate({ target: surfaceAlertSettings.surface, set: values });
    const from = before ? { sensitivity: before.sensitivity, minVolume: before.minVolume, muted: before.muted } : { sensitivity: "medium", minVolume: null, muted: false };
    const to = { sensitivity: input.sensitivity, minVolume: input.minVolume, muted: input.muted };
    await appendAudit(tx, ctx, { action: "alert.settings_changed", targetType: "surface", targetId: input.surface, details: { from, to } });
  });
}

/** Sets how long a source may be quiet before it is overdue (on-call, admin); audited. */
export async function updateSourceInterval(ctx: Ctx, sourceId: string, rawInput: UpdateSourceIntervalInput): Promise<void> {
  requireRole(ctx, "oncall", "admin");
  entityId(sourceId, "The source");
  const input = parseInput(UpdateSourceIntervalInput, rawInput);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(sources).where(eq(sources.id, sourceId)).for("update");
    if (!before) throw notFound("The source");
    await tx.update(sources).set({ expectedIntervalSeconds: input.expectedIntervalSeconds }).where(eq(sources.id, sourceId));
    await appendAudit(tx, ctx, {
      action: "source.expected_interval_changed",
      targetType: "source",
      targetId: sourceId,
      details: { name: before.name, from: before.expectedIntervalSeconds, to: input.expectedIntervalSeconds },
    });
  });
}
