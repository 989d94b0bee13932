import { apiRoute } from "@/lib/server/http/api-route";
import { consoleTrustFile } from "@/lib/server/issuers";
import { requestVerifyContext, trustFileResponse } from "@/lib/server/issuers/trust-file-response";

// Every registered issuer's keys; signed-in users, or anyone when public verification is on.
export const GET = apiRoute("/api/v1/issuers/trust.json", "public", async ({ req, ctx }) =>
  trustFileResponse(await consoleTrustFile(await requestVerifyContext(req, ctx)), "issuers"),
);
