import { apiRoute } from "@/lib/server/http/api-route";
import { sendTestWebhook } from "@/lib/server/webhooks";

export const POST = apiRoute<{ id: string }>("/api/v1/webhooks/[id]/test", "signed-in", ({ ctx, params }) => sendTestWebhook(ctx, params.id));
