import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";
import { completeSetup } from "@/lib/server/users";

export const POST = apiRoute("/api/setup", "public", async ({ req, ctx }) => completeSetup(ctx, (await readJsonBody(req)) as never));
