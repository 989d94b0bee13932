import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { updateUser } from "@/lib/server/users";

export const PATCH = apiRoute<{ id: string }>("/api/v1/users/[id]", "signed-in", async ({ req, ctx, params }) =>
  updateUser(ctx, params.id, (await readJsonBody(req)) as never),
);
