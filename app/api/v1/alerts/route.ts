import { listAlerts } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute("/api/v1/alerts", "signed-in", ({ req, ctx }) => listAlerts(ctx, Object.fromEntries(new URL(req.url).searchParams)));
