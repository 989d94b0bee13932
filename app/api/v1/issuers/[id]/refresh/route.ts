import { apiRoute } from "@/lib/server/http/api-route";
import { refreshIssuer } from "@/lib/server/issuers";

export const POST = apiRoute<{ id: string }>("/api/v1/issuers/[id]/refresh", "signed-in", ({ ctx, params }) => refreshIssuer(ctx, params.id));
