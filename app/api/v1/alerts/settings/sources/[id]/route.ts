import { updateSourceInterval } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

export const PUT = apiRoute<{ id: string }>("/api/v1/alerts/settings/sources/[id]", "signed-in", async ({ req, ctx, params }) => {
  await updateSourceInterval(ctx, params.id, (await readJsonBody(req)) as never);
  return { ok: true };
});
