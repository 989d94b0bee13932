import { approveGrant } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";
import { readJsonBody } from "@/lib/server/http/read-body";

// The approval that activates a grant answers with its token: never cached, never logged.
export const POST = apiRoute<{ id: string }>("/api/v1/break-glass/[id]/approve", "signed-in", async ({ req, ctx, params }) =>
  approveGrant(ctx, params.id, (await readJsonBody(req)) as never),
);
