import { z } from "zod";
import { MAX_NAME_LENGTH, MAX_REASON_LENGTH } from "./limits";

const Name = z.string().min(1).max(MAX_NAME_LENGTH);

/** The three decisions a gate can make. */
export const DECISIONS = ["PERMIT", "DENY", "SILENCE"] as const;
export type Decision = (typeof DECISIONS)[number];

/** A receipt payload (DESIGN.md Contract 2). Unknown members are kept at every level. */
export const ReceiptPayload = z.looseObject({
  v: z.literal(1),
  id: Name,
  iss: Name,
  iat: z.int().nonnegative(),
  request: z.looseObject({
    actor: Name,
    surface: Name,
    action: Name,
    target: Name,
    context: z.record(z.string(), z.unknown()).optional(),
  }),
  decision: z.enum(DECISIONS),
  reason: z.string().max(MAX_REASON_LENGTH),
  policy: z.looseObject({
    id: Name,
    version: Name,
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, "expected sha256:<64 lowercase hex>"),
  }),
  idempotency_key: Name.optional(),
  override: z.looseObject({ grant: Name }).optional(),
});
export type ReceiptPayload = z.infer<typeof ReceiptPayload>;

export type SchemaCheck = { ok: true; payload: ReceiptPayload } | { ok: false; message: string };

/** Checks a decoded payload against the receipt schema; the message names each bad field. */
export function checkPayloadSchema(payload: unknown): SchemaCheck {
  const result = ReceiptPayload.safeParse(payload);
  if (result.success) return { ok: true, payload: result.data };
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`);
  const more = result.error.issues.length > 5 ? `; and ${result.error.issues.length - 5} more` : "";
  return { ok: false, message: `${issues.join("; ")}${more}` };
}
