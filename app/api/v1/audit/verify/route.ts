import { verifyAuditChain } from "@/lib/server/audit";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute("/api/v1/audit/verify", "signed-in", ({ ctx }) => verifyAuditChain(ctx));
