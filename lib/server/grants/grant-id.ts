import "server-only";
import { z } from "zod";
import { notFound } from "../errors";

export const EntityId = z.uuid();

/** A grant id from a URL: anything that is not a UUID cannot name a grant (404, before any query). */
export function parseGrantId(id: string): string {
  if (!EntityId.safeParse(id).success) throw notFound("The grant");
  return id.toLowerCase();
}
