export * from "./grant-types";
export * from "./grant-errors";
export * from "./grant-policy";
export { normalizeIdentity, scopeCovers, scopesIntersect, scopeHasWildcard, WILDCARD } from "./grant-scope";
export { validateGrantRequest, type GrantRequestInput, type ValidGrantRequest, type GrantRequestResult } from "./grant-request";
export { applyGrantEvent, isAdminNow, isRequesterOrGrantee, type GrantEvent, type GrantContext, type GrantTransition } from "./grant-state";
export { grantWindow, overlaps, type GrantWindow } from "./grant-overlap";
export { classifyGrantUse, type GrantUseSubject, type GrantUseVerdict } from "./grant-use";
export { GRANT_TOKEN_TYP, grantTokenClaims, parseGrantClaims, type GrantTokenClaims } from "./grant-claims";
export { signGrantToken, verifyGrantToken, MAX_GRANT_TOKEN_BYTES, type GrantTokenResult, type GrantTokenFailure, type VerifyGrantTokenOptions } from "./grant-token";
export {
  REVOCATION_LIST_TYP, MAX_REVOCATION_LIST_BYTES, parseRevocationList, signRevocationList, verifyRevocationList,
  type RevocationEntry, type RevocationList, type RevocationListResult, type RevocationListFailure, type VerifyRevocationListOptions,
} from "./revocation-list";
export { generateGrantKey, loadGrantKeyRing, parseGrantJwks, publicGrantJwk, GrantKeyError, type GrantKeyRing, type GrantSigningKey, type JwksCheck } from "./grant-keys";
export type { JwsFailureCode } from "./grant-jws";
