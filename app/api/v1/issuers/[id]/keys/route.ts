import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { addIssuerKeys } from "@/lib/server/issuers";

const MAX_JWKS_BODY = 2 * 1024 * 1024;

export const POST = apiRoute<{ id: string }>("/api/v1/issuers/[id]/keys", "signed-in", async ({ req, ctx, params }) =>
  addIssuerKeys(ctx, params.id, (await readJsonBody(req, MAX_JWKS_BODY)) as never),
);
