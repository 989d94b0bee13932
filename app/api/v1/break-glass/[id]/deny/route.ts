import { denyGrant } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

export const POST = apiRoute<{ id: string }>("/api/v1/break-glass/[id]/deny", "signed-in", async ({ req, ctx, params }) =>
  denyGrant(ctx, params.id, (await readJsonBody(req)) as never),
);
