import { getDriftSeries } from "@/lib/server/drift";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute("/api/v1/drift/series", "signed-in", ({ req, ctx }) => getDriftSeries(ctx, Object.fromEntries(new URL(req.url).searchParams) as never));
