import { apiRoute } from "@/lib/server/http/api-route";
import { getLogSigner, logText } from "@/lib/server/tlog";

// Public: the log's signed-note verifier key, to pin once.
export const GET = apiRoute("/api/v1/log/vkey", "public", async () => logText(`${(await getLogSigner()).vkey}\n`));
