// No "server-only": the console's forms validate with the same schemas.
import { z } from "zod";

const MAX_JWKS_CHARS = 1024 * 1024;

/** The `iss` gates write into receipts: printable, no surrounding spaces. */
export const IssuerName = z
  .string()
  .min(1, "required")
  .max(512, "at most 512 characters")
  .regex(/^[^\s\p{C}](?:[^\p{C}]*[^\s\p{C}])?$/u, "printable characters, no leading or trailing spaces");

/** A JWKS as an object, or as the JSON text of a pasted or uploaded file. */
export const JwksDocument = z.union([
  z.string().trim().min(1, "required").max(MAX_JWKS_CHARS, "at most 1 MiB"),
  z.record(z.string(), z.unknown()),
]);

const JwksUrl = z.string().trim().max(2048, "at most 2048 characters").pipe(z.url({ protocol: /^https?$/, message: "expected an https:// URL" }));

export const CreateIssuerInput = z
  .object({
    iss: IssuerName,
    name: z.string().trim().max(200, "at most 200 characters").default(""),
    jwks: JwksDocument.optional(),
    jwksUrl: JwksUrl.optional(),
  })
  .refine((input) => (input.jwks === undefined) !== (input.jwksUrl === undefined), {
    message: "give the keys as a JWKS or a JWKS URL (one of the two)",
    path: ["jwks"],
  });
export type CreateIssuerInput = z.input<typeof CreateIssuerInput>;

export const AddIssuerKeysInput = z.object({ jwks: JwksDocument });
export type AddIssuerKeysInput = z.input<typeof AddIssuerKeysInput>;

export const RevokeIssuerKeyInput = z.object({
  reason: z.string().trim().min(1, "required").max(500, "at most 500 characters"),
  /** When the key stopped being trustworthy (e.g. the suspected compromise); default now. */
  revokedAt: z.coerce.date({ message: "expected a date-time" }).optional(),
});
export type RevokeIssuerKeyInput = z.input<typeof RevokeIssuerKeyInput>;

export const SetPublicVerificationInput = z.object({ enabled: z.boolean({ message: "expected true or false" }) });
export type SetPublicVerificationInput = z.input<typeof SetPublicVerificationInput>;

export const EntityId = z.uuid({ message: "expected an id" });
