import { revokeGrant } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

export const POST = apiRoute<{ id: string }>("/api/v1/break-glass/[id]/revoke", "signed-in", async ({ req, ctx, params }) =>
  revokeGrant(ctx, params.id, (await readJsonBody(req)) as never),
);
