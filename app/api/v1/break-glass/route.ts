import { listGrants, requestGrant } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

export const GET = apiRoute("/api/v1/break-glass", "signed-in", ({ req, ctx }) => listGrants(ctx, Object.fromEntries(new URL(req.url).searchParams)));

export const POST = apiRoute("/api/v1/break-glass", "signed-in", async ({ req, ctx }) =>
  Response.json(await requestGrant(ctx, (await readJsonBody(req)) as never), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
