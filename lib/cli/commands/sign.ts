import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { JWK } from "jose";
import { checkPayloadSchema, isReceiptAlg, parseJsonObject, RECEIPT_ALGORITHMS, signReceipt, type ReceiptAlg } from "../../core/receipts";
import { EXIT_OK, UsageError, type CliIO, type Command } from "../io";

const USAGE = "sign --key <private.jwk.json> [--iss I] [--kid K] [--alg A] [--iat <unix seconds>] <payload.json|->";

function parseOptions(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { key: { type: "string" }, iss: { type: "string" }, kid: { type: "string" }, alg: { type: "string" }, iat: { type: "string" } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (!values.key || values.key === "-") throw new UsageError("--key <private.jwk.json> is required (a file)");
  if (positionals.length !== 1) throw new UsageError("give exactly one payload file, or - for standard input");
  if (values.iat !== undefined && !/^\d{1,15}$/.test(values.iat)) throw new UsageError("--iat is whole Unix seconds");
  return { ...values, key: values.key, input: positionals[0]! };
}

async function readText(path: string, what: string, io: CliIO): Promise<string> {
  if (path === "-") return io.readStdin();
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

function jsonObject(text: string, what: string): Record<string, unknown> {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) throw new UsageError(`the ${what} is not usable JSON: ${parsed.message}`);
  return parsed.value;
}

/** The algorithm: --alg, else the key's own alg, else the only one its curve allows. */
function algorithmFor(jwk: JWK, flag: string | undefined): ReceiptAlg {
  const byCurve: Record<string, ReceiptAlg> = { Ed25519: "EdDSA", "P-256": "ES256", "P-384": "ES384" };
  const alg = flag ?? jwk.alg ?? (jwk.crv ? byCurve[jwk.crv] : undefined);
  if (alg === undefined) throw new UsageError("an RSA key needs --alg PS256 or --alg RS256 (or an alg member)");
  if (!isReceiptAlg(alg)) throw new UsageError(`alg must be one of ${RECEIPT_ALGORITHMS.join(", ")}, not ${alg}`);
  return alg;
}

export const command: Command = {
  summary: "Sign a receipt payload (JSON) with a private JWK and print the compact receipt.",
  usage: USAGE,
  async run(args, io) {
    const options = parseOptions(args);
    const jwk = jsonObject(await readText(options.key, "key file", io), "key file") as JWK;
    if (typeof jwk.d !== "string") throw new UsageError(`${options.key} is not a private key (no "d" member)`);
    const kid = options.kid ?? jwk.kid;
    if (!kid) throw new UsageError("the key has no kid; pass --kid");
    const alg = algorithmFor(jwk, options.alg);
    const payload = jsonObject(await readText(options.input, "payload", io), "payload");
    if (options.iss !== undefined) payload.iss = options.iss;
    if (options.iat !== undefined) payload.iat = Number(options.iat);
    else if (payload.iat === undefined) payload.iat = Math.floor(Date.now() / 1000);
    const schema = checkPayloadSchema(payload);
    if (!schema.ok) throw new UsageError(`the payload does not follow the receipt schema: ${schema.message}`);
    try {
      io.out(await signReceipt(payload, jwk, { alg, kid }));
    } catch (error) {
      throw new UsageError(`cannot sign with ${options.key} as ${alg}: ${(error as Error).message}`);
    }
    return EXIT_OK;
  },
};
