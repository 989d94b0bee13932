import { z } from "zod";
import { ALERT_KINDS, ALERT_SEVERITIES } from "../alerts/alert-kinds";

const WebhookUrl = z
  .url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" })
  .max(2048, "at most 2048 characters")
  .refine((value) => {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "put no credentials in the URL: the receiver checks the signature instead");

const WebhookSecret = z
  .string()
  .min(16, "at least 16 characters")
  .max(256, "at most 256 characters")
  .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces");

const Name = z
  .string()
  .trim()
  .min(1, "required")
  .max(100, "at most 100 characters");

const Kinds = z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length).transform((kinds) => [...new Set(kinds)].sort());
const Severities = z
  .array(z.enum(ALERT_SEVERITIES))
  .min(1, "choose at least one severity")
  .transform((severities) => [...new Set(severities)].sort());

export const CreateWebhookInput = z.object({
  name: Name,
  url: WebhookUrl,
  /** Optional: the console generates one (shown once) when absent. */
  secret: WebhookSecret.optional(),
  /** Which alert kinds to send; empty means all. */
  kinds: Kinds.default([]),
  severities: Severities.default(["critical", "warning"]),
  enabled: z.boolean().default(true),
});
export type CreateWebhookInput = z.input<typeof CreateWebhookInput>;

export const UpdateWebhookInput = z
  .object({ name: Name, url: WebhookUrl, kinds: Kinds, severities: Severities, enabled: z.boolean() })
  .partial()
  .refine((input) => Object.keys(input).length > 0, "change at least one field");
export type UpdateWebhookInput = z.input<typeof UpdateWebhookInput>;

export const RotateWebhookSecretInput = z.object({ secret: WebhookSecret.optional() });
export type RotateWebhookSecretInput = z.input<typeof RotateWebhookSecretInput>;

export const ListDeliveriesInput = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export type ListDeliveriesInput = z.input<typeof ListDeliveriesInput>;
