import { apiRoute } from "@/lib/server/http/api-route";
import { getLogEntries, logJson, queryOf } from "@/lib/server/tlog";

// Public: ?start=S&end=E → {start, end, entries: [base64 of the exact logged bytes]}.
export const GET = apiRoute("/api/v1/log/entries", "public", async ({ req, ctx }) => {
  const { body, immutable } = await getLogEntries(ctx, queryOf(req));
  return logJson(body, immutable);
});
