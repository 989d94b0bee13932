import { apiRoute } from "@/lib/server/http/api-route";
import { revokeSource } from "@/lib/server/sources";

export const DELETE = apiRoute<{ id: string }>("/api/v1/sources/[id]", "signed-in", async ({ ctx, params }) => {
  await revokeSource(ctx, params.id);
  return { ok: true };
});
