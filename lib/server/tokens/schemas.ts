import { z } from "zod";

export const CreateApiTokenInput = z.object({
  name: z.string().trim().min(1, "required").max(100, "at most 100 characters"),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;
