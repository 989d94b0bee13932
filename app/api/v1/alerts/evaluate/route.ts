import { evaluateAlerts } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

// Runs one evaluation now (admin): after a backfill, or in tests that cannot wait for the minute job.
export const POST = apiRoute("/api/v1/alerts/evaluate", "signed-in", async ({ req, ctx }) =>
  evaluateAlerts(ctx, req.headers.get("content-type") ? ((await readJsonBody(req)) as never) : {}),
);
