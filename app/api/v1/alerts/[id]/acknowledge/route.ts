import { acknowledgeAlert } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

export const POST = apiRoute<{ id: string }>("/api/v1/alerts/[id]/acknowledge", "signed-in", async ({ req, ctx, params }) =>
  acknowledgeAlert(ctx, params.id, (await readJsonBody(req)) as never),
);
