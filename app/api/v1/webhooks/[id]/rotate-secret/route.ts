import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { rotateWebhookSecret } from "@/lib/server/webhooks";

export const POST = apiRoute<{ id: string }>("/api/v1/webhooks/[id]/rotate-secret", "signed-in", async ({ req, ctx, params }) =>
  rotateWebhookSecret(ctx, params.id, req.headers.get("content-type") ? ((await readJsonBody(req)) as never) : {}),
);
