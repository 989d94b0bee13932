import { createSilence, listSilences } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

export const GET = apiRoute("/api/v1/alerts/silences", "signed-in", async ({ req, ctx }) => ({
  items: await listSilences(ctx, Object.fromEntries(new URL(req.url).searchParams)),
}));

export const POST = apiRoute("/api/v1/alerts/silences", "signed-in", async ({ req, ctx }) =>
  Response.json(await createSilence(ctx, (await readJsonBody(req)) as never), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
