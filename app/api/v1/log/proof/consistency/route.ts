import { apiRoute } from "@/lib/server/http/api-route";
import { getConsistencyProof, getLogSigner, logJson, queryOf } from "@/lib/server/tlog";

// Public: ?from=M&to=N → {from, to, hashes, checkpoint}; the checkpoint has size N.
export const GET = apiRoute("/api/v1/log/proof/consistency", "public", async ({ req, ctx }) => {
  const { body, immutable } = await getConsistencyProof(ctx, await getLogSigner(), queryOf(req));
  return logJson(body, immutable);
});
