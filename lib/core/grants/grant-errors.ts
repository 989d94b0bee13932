/** Stable codes for grant requests and transitions; tests and the HTTP mapping rely on them. */
export type GrantErrorCode =
  | "INVALID_INPUT"
  | "JUSTIFICATION_REQUIRED"
  | "SCOPE_EMPTY"
  | "SCOPE_INVALID"
  | "WILDCARD_NOT_ALLOWED"
  | "DURATION_INVALID"
  | "DURATION_OVER_CAP"
  | "START_IN_PAST"
  | "START_TOO_FAR"
  | "NOT_PERMITTED"
  | "NOT_ADMIN"
  | "SELF_APPROVAL"
  | "ALREADY_ACTED"
  | "COMMENT_REQUIRED"
  | "REASON_REQUIRED"
  | "REQUEST_EXPIRED"
  | "NOT_YET_STARTED"
  | "NOT_DUE"
  | "GRANT_EXPIRED"
  | "INVALID_TRANSITION";

/** One problem with one field of a request. */
export interface GrantIssue {
  path: string;
  code: GrantErrorCode;
  message: string;
}

/** A refused request or transition; `code` is the first issue's code, `issues` lists all. */
export class GrantError extends Error {
  override name = "GrantError";
  readonly code: GrantErrorCode;
  readonly issues: GrantIssue[];

  constructor(code: GrantErrorCode, message: string, issues?: GrantIssue[]) {
    super(message);
    this.code = code;
    this.issues = issues ?? [{ path: "", code, message }];
  }

  /** Builds one error from several field issues (at least one). */
  static fromIssues(issues: GrantIssue[]): GrantError {
    const first = issues[0];
    if (!first) throw new TypeError("GrantError.fromIssues needs at least one issue");
    return new GrantError(first.code, issues.map((issue) => issue.message).join("; "), issues);
  }
}
