import "server-only";
import type { z } from "zod";
import { AppError } from "../errors";

/** Parses untrusted input with a zod schema, or throws a VALIDATION error naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join(".") || "(body)"] ??= issue.message;
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  throw new AppError("VALIDATION", `Invalid input: ${summary}`, { fields });
}
