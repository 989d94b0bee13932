import { z } from "zod";

export const CreateSourceInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "required")
    .max(100, "at most 100 characters")
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._:/-]*$/u, "letters, digits, spaces and . _ : / - only"),
  description: z.string().trim().max(500, "at most 500 characters").default(""),
  expectedIntervalSeconds: z.coerce.number().int().min(10).max(7 * 24 * 3600).default(300),
});
export type CreateSourceInput = z.input<typeof CreateSourceInput>;
