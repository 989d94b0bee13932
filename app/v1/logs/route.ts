import { receiveLogs } from "@/lib/server/otlp/receive-logs";

export const POST = (req: Request): Promise<Response> => receiveLogs(req);
