import { getEvent } from "@/lib/server/events";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute<{ id: string }>("/api/v1/events/[id]", "signed-in", ({ ctx, params }) => getEvent(ctx, params.id));
