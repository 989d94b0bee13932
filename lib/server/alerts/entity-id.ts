import { z } from "zod";
import { notFound } from "../errors";

const Uuid = z.uuid();

/** A path id that is not a UUID names nothing: answered as not found rather than as a database error. */
export function entityId(id: string, what: string): string {
  if (!Uuid.safeParse(id).success) throw notFound(what);
  return id;
}
