// No "server-only": the console's request and review forms use the same schemas.
import { z } from "zod";

// Shapes only: the rules (required justification, scope names, caps, start window) are
// lib/core/grants' validateGrantRequest, which answers with the fine codes.
const Names = z.array(z.string().max(256, "at most 256 characters")).max(64, "at most 64 entries");

export const GRANT_STATES = ["pending", "approved", "active", "denied", "expired", "revoked", "request_expired"] as const;

export const RequestGrantInput = z.object({
  operator: z.string().max(256, "at most 256 characters"),
  scope: z.object({ surfaces: Names, actions: Names }),
  justification: z.string().max(5000, "at most 5000 characters"),
  ticket: z.string().max(500, "at most 500 characters").nullish(),
  durationSeconds: z.number({ message: "expected a number of seconds" }).int("expected whole seconds"),
  /** RFC 3339; absent or null starts at approval. */
  startAt: z.iso.datetime({ offset: true, message: "expected an RFC 3339 date-time" }).nullish(),
});
export type RequestGrantInput = z.input<typeof RequestGrantInput>;

export const ApproveGrantInput = z.object({ comment: z.string().max(2000, "at most 2000 characters").nullish() });
export type ApproveGrantInput = z.input<typeof ApproveGrantInput>;

export const DenyGrantInput = z.object({ comment: z.string().max(2000, "at most 2000 characters") });
export type DenyGrantInput = z.input<typeof DenyGrantInput>;

export const RevokeGrantInput = z.object({ reason: z.string().max(2000, "at most 2000 characters") });
export type RevokeGrantInput = z.input<typeof RevokeGrantInput>;

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const ListGrantsInput = z.object({
  /** One state or several, comma-separated. */
  state: z.preprocess(
    (value) => (typeof value === "string" && value !== "" ? value.split(",").map((s) => s.trim()) : emptyAsUndefined(value)),
    z.array(z.enum(GRANT_STATES, { message: `expected one of ${GRANT_STATES.join(", ")}` })).optional(),
  ),
  operator: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(256).optional()),
  cursor: z.preprocess(emptyAsUndefined, z.string().max(200).optional()),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListGrantsInput = z.input<typeof ListGrantsInput>;

export const GrantUsesSinceInput = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type GrantUsesSinceInput = z.input<typeof GrantUsesSinceInput>;
