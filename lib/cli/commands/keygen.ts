import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  formatRfc3339,
  generateIssuerKey,
  isReceiptAlg,
  parseRfc3339,
  RECEIPT_ALGORITHMS,
  validateIssuerKeys,
} from "../../core/receipts";
import { EXIT_OK, UsageError, type CliIO, type Command } from "../io";

const USAGE = "keygen [--alg EdDSA|ES256|ES384|PS256|RS256] [--kid K] [--iss I] [--valid-from T] [--valid-until T] [--force] --out <private.jwk.json>";

function parseOptions(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        alg: { type: "string", default: "EdDSA" }, kid: { type: "string" }, iss: { type: "string" }, out: { type: "string" },
        "valid-from": { type: "string" }, "valid-until": { type: "string" }, force: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (!values.out) throw new UsageError("--out <private.jwk.json> is required: the private key is written there, never printed");
  if (!isReceiptAlg(values.alg)) throw new UsageError(`--alg must be one of ${RECEIPT_ALGORITHMS.join(", ")}`);
  if (values.kid !== undefined && values.kid.length === 0) throw new UsageError("--kid must not be empty");
  // A new key cannot have signed anything earlier, so by default it is valid from now (whole seconds).
  const validFrom = time(values["valid-from"], "--valid-from") ?? Math.floor(Date.now() / 1000) * 1000;
  const validUntil = time(values["valid-until"], "--valid-until");
  return { alg: values.alg, kid: values.kid, iss: values.iss, out: values.out, force: values.force ?? false, validFrom, validUntil };
}

function time(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseRfc3339(value);
  if (ms === undefined) throw new UsageError(`${flag}: "${value}" is not an RFC 3339 date-time with offset`);
  return ms;
}

async function writePrivateKey(path: string, jwk: object, force: boolean): Promise<void> {
  try {
    await writeFile(path, JSON.stringify(jwk, null, 2) + "\n", { mode: 0o600, flag: force ? "w" : "wx" });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
    throw new UsageError(exists ? `${path} exists; choose another --out or pass --force` : `cannot write ${path}: ${(error as Error).message}`);
  }
}

export const command: Command = {
  summary: "Generate an issuer signing key: the private JWK goes to --out (mode 0600), the public JWKS for the trust file is printed.",
  usage: USAGE,
  async run(args, io: CliIO) {
    const options = parseOptions(args);
    const pair = await generateIssuerKey(options.alg, options.kid === undefined ? {} : { kid: options.kid });
    const publicKey = {
      ...pair.publicJwk,
      ...(options.iss !== undefined && { iss: options.iss }),
      valid_from: formatRfc3339(options.validFrom),
      ...(options.validUntil !== undefined && { valid_until: formatRfc3339(options.validUntil) }),
    };
    const jwks = { keys: [publicKey] };
    try {
      await validateIssuerKeys(jwks); // the printed JWKS must be one the console and verifiers accept
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    await writePrivateKey(options.out, pair.privateJwk, options.force);
    io.out(JSON.stringify(jwks, null, 2));
    io.err(`private key (kid ${pair.kid}, ${pair.alg}) written to ${options.out}; keep it secret. The JWKS above is public.`);
    return EXIT_OK;
  },
};
