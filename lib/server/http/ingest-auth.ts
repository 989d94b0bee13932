import "server-only";
import type { DbOrTx } from "../db";
import { unauthenticated } from "../errors";
import { authenticateIngestToken, type IngestSource } from "../sources";

/** The source behind an ingest request's `Authorization: Bearer <ingest token>`, or a 401 error. */
export async function requireIngestSource(req: Request, db: DbOrTx): Promise<IngestSource> {
  const header = req.headers.get("authorization");
  const match = header ? /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim()) : null;
  if (!match) throw unauthenticated("Send the source's ingest token as `Authorization: Bearer <token>`.");
  const source = await authenticateIngestToken(db, match[1]!);
  if (!source) throw unauthenticated("The ingest token is unknown or revoked.");
  return source;
}
