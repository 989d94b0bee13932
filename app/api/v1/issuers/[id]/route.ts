import { apiRoute } from "@/lib/server/http/api-route";
import { getIssuer } from "@/lib/server/issuers";

export const GET = apiRoute<{ id: string }>("/api/v1/issuers/[id]", "signed-in", ({ ctx, params }) => getIssuer(ctx, params.id));
