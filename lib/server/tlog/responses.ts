import "server-only";
import type { BundleExport } from "./bundle-export";

const IMMUTABLE = "public, max-age=31536000, immutable";
// Changes as the log grows: caches must revalidate, but may keep it for a moment.
const LIVE = "public, max-age=1, must-revalidate";

/** The query string of a request as a plain object, for the log's input schemas. */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}

/** A JSON answer of the public log API: immutable when asked at a fixed size. */
export function logJson(body: object, immutable: boolean): Response {
  return Response.json(body, { headers: { "Cache-Control": immutable ? IMMUTABLE : LIVE, "Access-Control-Allow-Origin": "*" } });
}

/** A signed note or key as text/plain, readable from anywhere (monitors, other consoles). */
export function logText(text: string): Response {
  return new Response(text, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": LIVE, "Access-Control-Allow-Origin": "*" } });
}

/** An evidence bundle as a streamed JSON Lines download; the receipt count drives progress bars. */
export function bundleResponse(bundle: BundleExport): Response {
  return new Response(bundle.stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${bundle.filename}"`,
      "Cache-Control": "no-store",
      "X-Countersign-Bundle-Receipts": String(bundle.receipts),
      "X-Countersign-Bundle-Tree-Size": String(bundle.size),
    },
  });
}
