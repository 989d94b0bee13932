import { getAlertSettings, updateSurfaceSettings } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

export const GET = apiRoute("/api/v1/alerts/settings", "signed-in", ({ ctx }) => getAlertSettings(ctx));

export const PUT = apiRoute("/api/v1/alerts/settings", "signed-in", async ({ req, ctx }) => {
  await updateSurfaceSettings(ctx, (await readJsonBody(req)) as never);
  return { ok: true };
});
