import { MAX_BATCH_BYTES } from "@/lib/core/receipts";
import { apiRoute } from "@/lib/server/http/api-route";
import { requireIngestSource } from "@/lib/server/http/ingest-auth";
import { readBodyBytes } from "@/lib/server/http/read-body";
import { ingestReceipts, listReceipts } from "@/lib/server/receipts";

export const GET = apiRoute("/api/v1/receipts", "signed-in", ({ req, ctx }) => listReceipts(ctx, Object.fromEntries(new URL(req.url).searchParams)));

// Ingest: the caller is a source with an ingest token, not a user.
export const POST = apiRoute("/api/v1/receipts", "public", async ({ req, ctx }) => {
  const source = await requireIngestSource(req, ctx.db);
  const body = await readBodyBytes(req, MAX_BATCH_BYTES);
  return ingestReceipts(ctx, source, body, req.headers.get("content-type") ?? undefined);
});
