import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { revokeIssuerKey } from "@/lib/server/issuers";

export const POST = apiRoute<{ id: string; keyId: string }>("/api/v1/issuers/[id]/keys/[keyId]/revoke", "signed-in", async ({ req, ctx, params }) =>
  revokeIssuerKey(ctx, params.id, String(params.keyId), (await readJsonBody(req)) as never),
);
