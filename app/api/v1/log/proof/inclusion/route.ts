import { apiRoute } from "@/lib/server/http/api-route";
import { getInclusionProof, getLogSigner, logJson, queryOf } from "@/lib/server/tlog";

// Public: ?index=I&size=N or ?receipt=<id>[&size=N] → {index, size, leafHash, hashes, checkpoint}.
export const GET = apiRoute("/api/v1/log/proof/inclusion", "public", async ({ req, ctx }) => {
  const { body, immutable } = await getInclusionProof(ctx, await getLogSigner(), queryOf(req));
  return logJson(body, immutable);
});
