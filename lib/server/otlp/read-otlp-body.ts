import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { AppError } from "../errors";
import { readBodyBytes } from "../http/read-body";

const gunzipAsync = promisify(gunzip);

/**
 * Reads the request body within the compressed limit and, for `Content-Encoding: gzip`,
 * inflates it within the decompressed limit — a gzip bomb stops at the limit, not in memory.
 */
export async function readOtlpBody(req: Request, limits: { maxBodyBytes: number; maxDecompressedBytes: number }): Promise<Uint8Array> {
  const raw = await readBodyBytes(req, limits.maxBodyBytes);
  const encoding = (req.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return raw;
  if (encoding !== "gzip") throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Encoding "${encoding}" is not supported; use gzip or none.`);
  try {
    return new Uint8Array(await gunzipAsync(raw, { maxOutputLength: limits.maxDecompressedBytes }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new AppError("LIMIT_EXCEEDED", `The decompressed body is larger than ${limits.maxDecompressedBytes} bytes.`);
    }
    throw new AppError("BAD_REQUEST", "The gzip body could not be decompressed.");
  }
}
