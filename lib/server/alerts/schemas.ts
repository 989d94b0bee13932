import { z } from "zod";
import { ALERT_KINDS, ALERT_STATES } from "./alert-kinds";
import { SILENCE_LABELS } from "./silence-view";

const text = z.string().trim().min(1).max(256);

export const ListAlertsInput = z.object({
  /** "open" = pending or firing. */
  state: z.enum([...ALERT_STATES, "open"]).optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  surface: text.optional(),
  outcome: z.enum(["DENY", "SILENCE"]).optional(),
  source: z.uuid("expected a source id").optional(),
  /** Episodes that started in [from, to). */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAlertsInput = z.input<typeof ListAlertsInput>;

export const AcknowledgeAlertInput = z.object({
  note: z.string().trim().min(1, "say what you are doing about it").max(1000, "at most 1000 characters"),
});
export type AcknowledgeAlertInput = z.input<typeof AcknowledgeAlertInput>;

const Matchers = z
  .object(Object.fromEntries(SILENCE_LABELS.map((label) => [label, text.optional()])) as Record<(typeof SILENCE_LABELS)[number], z.ZodOptional<typeof text>>)
  .strict()
  .refine((m) => Object.values(m).some((v) => v !== undefined), "set at least one matcher (a silence of everything is refused)");

export const MAX_SILENCE_MS = 30 * 86_400_000;

export const CreateSilenceInput = z
  .object({
    matchers: Matchers,
    reason: z.string().trim().min(3, "say why, for whoever is on call next").max(1000, "at most 1000 characters"),
    startsAt: z.coerce.date().optional(),
    endsAt: z.coerce.date(),
  })
  .refine((input) => input.endsAt.getTime() > (input.startsAt?.getTime() ?? 0), { path: ["endsAt"], message: "must be after the start" });
export type CreateSilenceInput = z.input<typeof CreateSilenceInput>;

export const ListSilencesInput = z.object({ include: z.enum(["active", "all"]).default("active") });
export type ListSilencesInput = z.input<typeof ListSilencesInput>;

export const UpdateSurfaceSettingsInput = z.object({
  surface: text,
  sensitivity: z.enum(["low", "medium", "high"]),
  /** null: the sensitivity preset's minimum volume. */
  minVolume: z.coerce.number().int().min(1).max(100_000).nullable(),
  muted: z.boolean(),
});
export type UpdateSurfaceSettingsInput = z.input<typeof UpdateSurfaceSettingsInput>;

export const UpdateSourceIntervalInput = z.object({
  expectedIntervalSeconds: z.coerce.number().int().min(10, "at least 10 seconds").max(7 * 24 * 3600, "at most 7 days"),
});
export type UpdateSourceIntervalInput = z.input<typeof UpdateSourceIntervalInput>;

export const EvaluateAlertsInput = z.object({ refreshBaselines: z.boolean().default(true) });
export type EvaluateAlertsInput = z.input<typeof EvaluateAlertsInput>;
