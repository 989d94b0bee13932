import { retrieveGrantToken } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";

// Once per grant, for its requester or grantee; the answer carries the token (never cached).
export const POST = apiRoute<{ id: string }>("/api/v1/break-glass/[id]/token", "signed-in", ({ ctx, params }) => retrieveGrantToken(ctx, params.id));
