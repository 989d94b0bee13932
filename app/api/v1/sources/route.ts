import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { createSource, listSources } from "@/lib/server/sources";

export const GET = apiRoute("/api/v1/sources", "signed-in", async ({ ctx }) => ({ items: await listSources(ctx) }));

export const POST = apiRoute("/api/v1/sources", "signed-in", async ({ req, ctx }) =>
  Response.json(await createSource(ctx, (await readJsonBody(req)) as never), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
