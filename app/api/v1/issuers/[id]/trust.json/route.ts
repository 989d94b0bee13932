import { apiRoute } from "@/lib/server/http/api-route";
import { requestVerifyContext, trustFileResponse } from "@/lib/server/issuers/trust-file-response";
import { issuerTrustFile } from "@/lib/server/issuers";

// Signed-in users, or anyone when public verification is on (the service decides).
export const GET = apiRoute<{ id: string }>("/api/v1/issuers/[id]/trust.json", "public", async ({ req, ctx, params }) => {
  const { iss, file } = await issuerTrustFile(await requestVerifyContext(req, ctx), params.id);
  return trustFileResponse(file, iss);
});
