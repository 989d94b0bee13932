import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { changeOwnPassword } from "@/lib/server/users";

export const POST = apiRoute("/api/v1/me/password", "signed-in", async ({ req, ctx }) => {
  await changeOwnPassword(ctx, (await readJsonBody(req)) as never);
  return { ok: true };
});
