import { getGrantJwks } from "@/lib/server/grants";
import { apiRoute } from "@/lib/server/http/api-route";

// Keys change only on rotation (a restart); gates refetch on an unknown kid anyway.
export const GET = apiRoute("/.well-known/jwks.json", "public", async () =>
  Response.json(await getGrantJwks(), {
    headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "public, max-age=300" },
  }),
);
