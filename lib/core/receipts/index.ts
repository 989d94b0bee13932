// The receipt verifier (DESIGN.md Contract 2): pure and isomorphic — server, browser and CLI.
export { verifyReceipt, checkTimes } from "./verify-receipt";
export { decodeReceipt, type DecodedJws, type DecodeResult } from "./decode-jws";
export { checkHeaderProfile } from "./header-profile";
export { selectKey, keyMismatch } from "./select-key";
export { verifyJwsSignature, type JwsSegments, type SignatureCheck } from "./verify-signature";
export { importTrustedKey } from "./key-import";
export { ReceiptPayload, DECISIONS, checkPayloadSchema, type Decision } from "./payload-schema";
export {
  REJECTION_STEPS,
  VERDICT_DESCRIPTIONS,
  type ReceiptVerdict,
  type ValidReceipt,
  type RejectedReceipt,
  type RejectionCode,
  type VerdictCode,
  type ProfileStep,
  type ReceiptFormat,
  type ProtectedHeader,
  type VerifyingKey,
} from "./verdicts";
export {
  parseTrustFile,
  trustSetFromKeys,
  trustSetFromIssuers,
  exportTrustFile,
  type TrustSet,
  type IssuerKeysInput,
  type TrustFileJson,
} from "./trust-set";
export { validateIssuerKeys, thumbprintOf, type TrustedKey, type TrustedKeyInput, type PublicKeyJwk } from "./issuer-keys";
export { IssuerKeyError, type KeyProblem, type KeyProblemCode } from "./issuer-key-error";
export { receiptFields, type ReceiptFields } from "./receipt-fields";
export { parseBatch, BatchError, type BatchItem, type BatchErrorCode } from "./parse-batch";
export { signReceipt, generateIssuerKey, type SignReceiptOptions, type IssuerKeyPair } from "./sign-receipt";
export { RECEIPT_ALGORITHMS, isReceiptAlg, type ReceiptAlg } from "./algorithms";
export { decodeBase64urlStrict, encodeBase64url } from "./base64url";
export { parseJsonObject, findDuplicateMember } from "./strict-json";
export { parseRfc3339, formatRfc3339 } from "./rfc3339";
export {
  MAX_RECEIPT_BYTES,
  MAX_BATCH_ITEMS,
  MAX_BATCH_BYTES,
  MAX_IAT_SKEW_SECONDS,
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
  MAX_TRUSTED_KEYS,
} from "./limits";
