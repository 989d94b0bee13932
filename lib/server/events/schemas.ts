import { z } from "zod";

const text = z.string().trim().min(1).max(256).optional();

export const ListEventsInput = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  surface: text,
  outcome: z.enum(["PERMIT", "DENY", "SILENCE"]).optional(),
  source: z.uuid("expected a source id").optional(),
  decisionSource: text,
  session: text,
  actor: text,
  gate: text,
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListEventsInput = z.input<typeof ListEventsInput>;
