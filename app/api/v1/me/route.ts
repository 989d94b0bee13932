import { apiRoute } from "@/lib/server/http/api-route";
import { getMe } from "@/lib/server/users";

export const GET = apiRoute("/api/v1/me", "signed-in", ({ ctx }) => getMe(ctx));
