import { getAlert } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute<{ id: string }>("/api/v1/alerts/[id]", "signed-in", ({ ctx, params }) => getAlert(ctx, params.id));
