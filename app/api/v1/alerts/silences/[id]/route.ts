import { endSilence } from "@/lib/server/alerts";
import { apiRoute } from "@/lib/server/http/api-route";

// Ends the silence now; the record is kept (silences are history, and audited).
export const DELETE = apiRoute<{ id: string }>("/api/v1/alerts/silences/[id]", "signed-in", ({ ctx, params }) => endSilence(ctx, params.id));
