import "server-only";
import type { GrantError, GrantErrorCode } from "@/lib/core/grants";
import { AppError, type AppErrorCode } from "../errors";

// 403: who may not act; 409: a step the grant's state does not allow; 422: a request that breaks a rule.
const FORBIDDEN: readonly GrantErrorCode[] = ["NOT_PERMITTED", "NOT_ADMIN", "SELF_APPROVAL"];
const CONFLICT: readonly GrantErrorCode[] = ["ALREADY_ACTED", "REQUEST_EXPIRED", "INVALID_TRANSITION", "NOT_YET_STARTED", "NOT_DUE", "GRANT_EXPIRED"];

function appCode(code: GrantErrorCode): AppErrorCode {
  if (FORBIDDEN.includes(code)) return "FORBIDDEN";
  if (CONFLICT.includes(code)) return "CONFLICT";
  return "VALIDATION";
}

/** A refused grant request or step as the API answers it; `reason` carries the fine code. */
export function grantAppError(error: GrantError): AppError {
  const code = appCode(error.code);
  const fields = code === "VALIDATION" ? Object.fromEntries(error.issues.map((issue) => [issue.path || "(body)", issue.message])) : undefined;
  return new AppError(code, error.message, { reason: error.code, ...(fields ? { fields } : {}) });
}
