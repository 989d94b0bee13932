import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { createWebhook, listWebhooks } from "@/lib/server/webhooks";

export const GET = apiRoute("/api/v1/webhooks", "signed-in", async ({ ctx }) => ({ items: await listWebhooks(ctx) }));

// The answer carries the signing secret: the only time it is ever served.
export const POST = apiRoute("/api/v1/webhooks", "signed-in", async ({ req, ctx }) =>
  Response.json(await createWebhook(ctx, (await readJsonBody(req)) as never), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
