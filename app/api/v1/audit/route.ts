import { listAudit } from "@/lib/server/audit";
import { apiRoute } from "@/lib/server/http/api-route";

export const GET = apiRoute("/api/v1/audit", "signed-in", ({ req, ctx }) =>
  listAudit(ctx, Object.fromEntries(new URL(req.url).searchParams)),
);
