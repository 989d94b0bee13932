import { getGrant } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute<{ id: string }>("/api/v1/break-glass/[id]", "signed-in", ({ ctx, params }) => getGrant(ctx, params.id));
