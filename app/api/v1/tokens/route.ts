import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { createApiToken, listApiTokens } from "@/lib/server/tokens";

export const GET = apiRoute("/api/v1/tokens", "signed-in", async ({ ctx }) => ({ items: await listApiTokens(ctx) }));

export const POST = apiRoute("/api/v1/tokens", "signed-in", async ({ req, ctx }) =>
  Response.json(await createApiToken(ctx, (await readJsonBody(req)) as never), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
