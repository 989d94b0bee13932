import { apiRoute } from "@/lib/server/http/api-route";
import { getReceipt } from "@/lib/server/receipts";

export const GET = apiRoute<{ id: string }>("/api/v1/receipts/[id]", "signed-in", ({ ctx, params }) => getReceipt(ctx, params.id));
