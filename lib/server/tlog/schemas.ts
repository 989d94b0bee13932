// No "server-only": the console's forms and the bundle export share these schemas.
import { z } from "zod";
import { ListReceiptsInput } from "../receipts/schemas";

const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;
/** The most entries one `GET /api/v1/log/entries` answers; ask again from where it stopped. */
export const MAX_ENTRIES_PER_REQUEST = 1000;

const Count = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, "expected a whole number without leading zeros")
  .transform(Number)
  .pipe(z.number().max(MAX_TREE_SIZE, "too large"));
const ReceiptRef = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "expected a receipt id (a UUID)");

export const InclusionProofInput = z
  .object({ index: Count.optional(), size: Count.optional(), receipt: ReceiptRef.optional() })
  .refine((v) => (v.index === undefined) !== (v.receipt === undefined), { message: "give either index (with size) or receipt", path: ["index"] })
  .refine((v) => v.receipt !== undefined || v.size !== undefined, { message: "required with index", path: ["size"] });
export type InclusionProofInput = z.input<typeof InclusionProofInput>;

export const ConsistencyProofInput = z.object({ from: Count, to: Count });
export type ConsistencyProofInput = z.input<typeof ConsistencyProofInput>;

export const EntriesInput = z.object({ start: Count, end: Count });
export type EntriesInput = z.input<typeof EntriesInput>;

export const CheckpointHistoryInput = z.object({
  /** Only checkpoints smaller than this size: the previous page's nextCursor. */
  cursor: Count.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type CheckpointHistoryInput = z.input<typeof CheckpointHistoryInput>;

export const GROWTH_RANGES = ["24h", "7d", "30d", "365d"] as const;
export const LogGrowthInput = z.object({ range: z.enum(GROWTH_RANGES).default("7d") });
export type LogGrowthInput = z.input<typeof LogGrowthInput>;

/** The most receipts one bundle may name by id (a hand-picked selection). */
export const MAX_BUNDLE_IDS = 10_000;

const { cursor: _cursor, limit: _limit, ...filterShape } = ListReceiptsInput.shape;

/**
 * Which receipts go into an evidence bundle: the receipt explorer's filters, or receipt ids
 * picked by hand (then the filters narrow them further). Ids may be a comma-separated string.
 */
export const BundleSelectionInput = z.object({
  ...filterShape,
  ids: z.preprocess(
    (value) => (typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value),
    z.array(ReceiptRef).min(1, "give at least one id").max(MAX_BUNDLE_IDS, `at most ${MAX_BUNDLE_IDS} ids`).optional(),
  ),
});
export type BundleSelectionInput = z.input<typeof BundleSelectionInput>;
