// No "server-only": the explorer's filter form uses the same schema.
import { z } from "zod";
import { DECISIONS, VERDICT_DESCRIPTIONS, type VerdictCode } from "@/lib/core/receipts";

export const VERDICT_CODES = Object.keys(VERDICT_DESCRIPTIONS) as VerdictCode[];

const Text = z.string().trim().min(1).max(512);
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const ListReceiptsInput = z.object({
  from: z.preprocess(emptyAsUndefined, z.coerce.date({ message: "expected a date-time" }).optional()),
  to: z.preprocess(emptyAsUndefined, z.coerce.date({ message: "expected a date-time" }).optional()),
  issuer: z.preprocess(emptyAsUndefined, Text.optional()),
  surface: z.preprocess(emptyAsUndefined, Text.optional()),
  decision: z.preprocess(emptyAsUndefined, z.enum(DECISIONS, { message: `expected one of ${DECISIONS.join(", ")}` }).optional()),
  verdict: z.preprocess(emptyAsUndefined, z.enum(VERDICT_CODES as [VerdictCode, ...VerdictCode[]], { message: "expected a verdict code" }).optional()),
  actor: z.preprocess(emptyAsUndefined, Text.optional()),
  policyVersion: z.preprocess(emptyAsUndefined, Text.optional()),
  /** A break-glass grant id, or `any` for every receipt allowed by a grant. */
  grant: z.preprocess(emptyAsUndefined, Text.optional()),
  receiptId: z.preprocess(emptyAsUndefined, Text.optional()),
  cursor: z.preprocess(emptyAsUndefined, z.string().max(200).optional()),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListReceiptsInput = z.input<typeof ListReceiptsInput>;

/** The filters the explorer keeps in its URL. */
export const RECEIPT_FILTERS = ["from", "to", "issuer", "surface", "decision", "verdict", "actor", "policyVersion", "grant", "receiptId"] as const;
