// No "server-only": the console's forms validate with the same schemas.
import { z } from "zod";
import { ROLES } from "@/lib/core/accounts";

export const Email = z
  .string()
  .trim()
  .max(320, "at most 320 characters")
  .pipe(z.email("expected an email address"))
  .transform((email) => email.toLowerCase());

export const NewPassword = z
  .string()
  .min(12, "at least 12 characters")
  .max(256, "at most 256 characters");

export const Roles = z
  .array(z.enum(ROLES, { message: `expected one of ${ROLES.join(", ")}` }))
  .min(1, "at least one role")
  .max(ROLES.length)
  .transform((roles) => [...new Set(roles)]);

const Name = z.string().trim().max(200, "at most 200 characters");

export const CreateUserInput = z.object({ email: Email, name: Name.default(""), roles: Roles, password: NewPassword });
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({ name: Name.optional(), roles: Roles.optional(), disabled: z.boolean().optional() })
  .refine((input) => Object.values(input).some((v) => v !== undefined), "nothing to change");
export type UpdateUserInput = z.input<typeof UpdateUserInput>;

export const ResetPasswordInput = z.object({ password: NewPassword });
export type ResetPasswordInput = z.input<typeof ResetPasswordInput>;

export const ChangeOwnPasswordInput = z.object({
  currentPassword: z.string().min(1, "required").max(256),
  newPassword: NewPassword,
});
export type ChangeOwnPasswordInput = z.input<typeof ChangeOwnPasswordInput>;

export const CompleteSetupInput = z.object({
  token: z.string().min(10).max(200),
  email: Email,
  name: Name.default(""),
  password: NewPassword,
});
export type CompleteSetupInput = z.input<typeof CompleteSetupInput>;

export const SignInInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(256),
});
