import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { deleteWebhook, updateWebhook } from "@/lib/server/webhooks";

export const PATCH = apiRoute<{ id: string }>("/api/v1/webhooks/[id]", "signed-in", async ({ req, ctx, params }) => updateWebhook(ctx, params.id, (await readJsonBody(req)) as never));

export const DELETE = apiRoute<{ id: string }>("/api/v1/webhooks/[id]", "signed-in", async ({ ctx, params }) => {
  await deleteWebhook(ctx, params.id);
  return { ok: true };
});
