/** Largest receipt accepted, in bytes; checked before any decoding (profile step 1). */
export const MAX_RECEIPT_BYTES = 1024 * 1024;

/** Most receipts in one batch body (`parseBatch`). */
export const MAX_BATCH_ITEMS = 1000;

/** Largest batch body, in bytes (`parseBatch`). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** How far in the future a receipt's `iat` may lie, in seconds (clock skew between gate and verifier). */
export const MAX_IAT_SKEW_SECONDS = 300;

/** Longest identifier (iss, id, actor, surface, action, target, policy id/version, keys) in a payload. */
export const MAX_NAME_LENGTH = 512;

/** Longest `reason` string in a payload. */
export const MAX_REASON_LENGTH = 4096;

/** Most keys in one trust file or one issuer registration. */
export const MAX_TRUSTED_KEYS = 1000;
