import { getDriftOverview } from "@/lib/server/drift";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute("/api/v1/drift/overview", "signed-in", ({ req, ctx }) => getDriftOverview(ctx, Object.fromEntries(new URL(req.url).searchParams)));
