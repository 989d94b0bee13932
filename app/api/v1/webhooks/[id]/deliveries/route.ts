import { apiRoute } from "@/lib/server/http/api-route";
import { listWebhookDeliveries } from "@/lib/server/webhooks";

export const GET = apiRoute<{ id: string }>("/api/v1/webhooks/[id]/deliveries", "signed-in", async ({ req, ctx, params }) => ({
  items: await listWebhookDeliveries(ctx, params.id, Object.fromEntries(new URL(req.url).searchParams)),
}));
