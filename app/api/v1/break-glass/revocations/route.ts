import { getRevocationList } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";

// Gates poll this (every 30 s is the documented default): a short shared cache is safe.
export const GET = apiRoute("/api/v1/break-glass/revocations", "public", async ({ ctx }) =>
  new Response(await getRevocationList(ctx), {
    headers: { "Content-Type": "application/jwt", "Cache-Control": "public, max-age=10, must-revalidate" },
  }),
);
