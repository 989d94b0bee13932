import { apiRoute } from "@/lib/server/http/api-route";
import { revokeApiToken } from "@/lib/server/tokens";

export const DELETE = apiRoute<{ id: string }>("/api/v1/tokens/[id]", "signed-in", async ({ ctx, params }) => {
  await revokeApiToken(ctx, params.id);
  return { ok: true };
});
