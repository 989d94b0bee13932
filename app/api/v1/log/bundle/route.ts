import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { bundleResponse, exportEvidenceBundle, getLogSigner, queryOf, type BundleSelectionInput } from "@/lib/server/tlog";

// Auditors and admins: an evidence bundle (JSON Lines, streamed) of the receipts selected by the
// explorer's filters and/or ids — in the query string (GET) or a JSON body (POST).
export const GET = apiRoute("/api/v1/log/bundle", "signed-in", async ({ req, ctx }) => bundleResponse(await exportEvidenceBundle(ctx, await getLogSigner(), queryOf(req))));

export const POST = apiRoute("/api/v1/log/bundle", "signed-in", async ({ req, ctx }) =>
  bundleResponse(await exportEvidenceBundle(ctx, await getLogSigner(), (await readJsonBody(req, 1024 * 1024)) as BundleSelectionInput)),
);
