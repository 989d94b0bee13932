import { apiRoute } from "@/lib/server/http/api-route";
import { getLogSigner, latestCheckpoint, logText } from "@/lib/server/tlog";

// Public: the latest signed checkpoint, a C2SP signed note (text/plain).
export const GET = apiRoute("/api/v1/log/checkpoint", "public", async ({ ctx }) => logText((await latestCheckpoint(ctx.db, await getLogSigner(), ctx.now)).note));
