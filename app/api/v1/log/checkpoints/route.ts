import { apiRoute } from "@/lib/server/http/api-route";
import { getLogSigner, listCheckpoints, logJson, queryOf } from "@/lib/server/tlog";

// Public: every checkpoint the console issued, largest first; ?cursor=&limit=.
export const GET = apiRoute("/api/v1/log/checkpoints", "public", async ({ req, ctx }) => logJson(await listCheckpoints(ctx, await getLogSigner(), queryOf(req)), false));
