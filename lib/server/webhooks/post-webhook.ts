import "server-only";
import { signatureHeaders } from "./sign-webhook";

export type PostResult = { statusCode: number | null; error: string | null; durationMs: number; ok: boolean; retryable: boolean };

const TIMEOUT_MS = 10_000;
/** Answers a receiver gives when asked to try again later; other 4xx mean "fix the configuration". */
const RETRYABLE_4XX = new Set([408, 425, 429]);

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === "TimeoutError") return `no answer within ${TIMEOUT_MS / 1000} s`;
  return (cause?.code ?? cause?.message ?? (error as Error).message ?? "network error").slice(0, 300);
}

/**
 * POSTs one signed body. Redirects are not followed (a signed notification goes where it was
 * configured to), the answer's body is not read, and nothing about the secret is logged.
 */
export async function postWebhook(url: string, secret: string, body: string, headers: Record<string, string>, at: Date): Promise<PostResult> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers, ...signatureHeaders(secret, body, at) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    const retryable = response.status >= 500 || RETRYABLE_4XX.has(response.status) || (response.status >= 300 && response.status < 400);
    const error = ok ? null : response.status >= 300 && response.status < 400 ? "redirects are not followed" : null;
    return { statusCode: response.status, error, durationMs: Math.round(performance.now() - started), ok, retryable };
  } catch (error) {
    return { statusCode: null, error: describe(error), durationMs: Math.round(performance.now() - started), ok: false, retryable: true };
  }
}
