import { apiRoute } from "@/lib/server/http/api-route";
import { getReceiptFindings } from "@/lib/server/receipts";

export const GET = apiRoute("/api/v1/receipts/findings", "signed-in", ({ ctx }) => getReceiptFindings(ctx));
