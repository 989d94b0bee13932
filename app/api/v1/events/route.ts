import { listEvents } from "@/lib/server/events";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute("/api/v1/events", "signed-in", ({ req, ctx }) => listEvents(ctx, Object.fromEntries(new URL(req.url).searchParams)));
