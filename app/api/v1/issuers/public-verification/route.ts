import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { getPublicVerification, setPublicVerification } from "@/lib/server/issuers";

export const GET = apiRoute("/api/v1/issuers/public-verification", "signed-in", ({ ctx }) => getPublicVerification(ctx));

export const PUT = apiRoute("/api/v1/issuers/public-verification", "signed-in", async ({ req, ctx }) =>
  setPublicVerification(ctx, (await readJsonBody(req)) as never),
);
