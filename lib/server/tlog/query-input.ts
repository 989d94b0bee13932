import "server-only";
import type { z } from "zod";
import { AppError } from "../errors";

/** Parses a log API query: malformed numbers and bad ranges are 400s, as for any proof server. */
export function parseLogQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join(".") || "(query)"] ??= issue.message;
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  throw new AppError("BAD_REQUEST", `Invalid query: ${summary}`, { fields });
}

/** A 400 for a range that cannot be (index ≥ size, from > to, start ≥ end). */
export function badRange(message: string, field: string): AppError {
  return new AppError("BAD_REQUEST", message, { reason: "BAD_RANGE", fields: { [field]: message } });
}

/** A 404 for a tree size the log has not reached. */
export function beyondLog(size: number, current: number): AppError {
  return new AppError("NOT_FOUND", `The log has ${current} entries: there is no tree of size ${size} yet.`, { reason: "TREE_SIZE_NOT_REACHED" });
}
