import "server-only";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION"
  | "LIMIT_EXCEEDED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

/** A service failure with a stable code; its message is safe to show to the caller. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { reason?: string; fields?: Record<string, string>; retryAfterSeconds?: number },
  ) {
    super(message);
  }
}

export const unauthenticated = (message = "Sign in or send a valid API token.") => new AppError("UNAUTHENTICATED", message);
export const forbidden = (message = "Your role does not allow this.") => new AppError("FORBIDDEN", message);
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`);
export const conflict = (message: string, reason?: string) => new AppError("CONFLICT", message, { reason });
