import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { createIssuer, listIssuers } from "@/lib/server/issuers";

const MAX_JWKS_BODY = 2 * 1024 * 1024;

export const GET = apiRoute("/api/v1/issuers", "signed-in", async ({ ctx }) => ({ items: await listIssuers(ctx) }));

export const POST = apiRoute("/api/v1/issuers", "signed-in", async ({ req, ctx }) =>
  Response.json(await createIssuer(ctx, (await readJsonBody(req, MAX_JWKS_BODY)) as never), { status: 201, headers: { "Cache-Control": "no-store" } }),
);
