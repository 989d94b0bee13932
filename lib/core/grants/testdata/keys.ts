import type { JWK } from "jose";

/** RFC 8037 Appendix A.1: the Ed25519 private key of the JOSE test vectors. */
export const RFC8037_KEY: JWK & { kid: string } = {
  kty: "OKP",
  crv: "Ed25519",
  d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
  x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  kid: "grant-2026-11",
};

/** RFC 8032 §7.1 TEST 2 key pair, here playing an older, retired grant key. */
export const RFC8032_TEST2_KEY: JWK & { kid: string } = {
  kty: "OKP",
  crv: "Ed25519",
  d: "TM0Imyj_ltqdtsNG7BFOD1uKMZ81q6Yk2oz27U-4pvs",
  x: "PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw",
  kid: "grant-2026-05",
};

/** RFC 8037 A.4: the signature of "Example of Ed25519 signing" with header {"alg":"EdDSA"}. */
export const RFC8037_A4_JWS =
  "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
