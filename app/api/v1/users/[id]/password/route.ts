import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { resetPassword } from "@/lib/server/users";

export const POST = apiRoute<{ id: string }>("/api/v1/users/[id]/password", "signed-in", async ({ req, ctx, params }) => {
  await resetPassword(ctx, params.id, (await readJsonBody(req)) as never);
  return { ok: true };
});
