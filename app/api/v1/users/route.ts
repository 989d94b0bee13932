import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { createUser, listUsers } from "@/lib/server/users";

export const GET = apiRoute("/api/v1/users", "signed-in", async ({ ctx }) => ({ items: await listUsers(ctx) }));

export const POST = apiRoute("/api/v1/users", "signed-in", async ({ req, ctx }) =>
  Response.json(await createUser(ctx, (await readJsonBody(req)) as never), { status: 201 }),
);
