import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Ctx } from "../../server/auth/actor";
import { addIssuerKeys, createIssuer, listIssuers, type IssuerView } from "../../server/issuers";
import { withAdminContext } from "../admin-session";
import { EXIT_OK, UsageError, type CliIO, type Command } from "../io";

export const command: Command = {
  summary: "Register a receipt issuer with its public keys (or add keys to a registered one); stored receipts are verified again.",
  usage: "admin issuer add <iss> (--jwks <file|-> | --jwks-url <https url>) [--name N] [--json]",
  async run(args, io) {
    const { values, positionals } = parse(args);
    const [iss, ...extra] = positionals;
    if (!iss || extra.length > 0) throw new UsageError("give exactly one issuer name (the iss its receipts carry)");
    if (Boolean(values.jwks) === Boolean(values["jwks-url"])) throw new UsageError("give the keys with --jwks <file> or --jwks-url <url> (one of the two)");
    const jwks = values.jwks ? await readJwks(values.jwks, io) : undefined;
    return withAdminContext(io, async (ctx) => {
      const existing = (await listIssuers(ctx)).find((issuer) => issuer.iss === iss);
      const result = await register(ctx, iss, existing, { jwks, jwksUrl: values["jwks-url"], name: values.name });
      if (values.json) io.out(JSON.stringify(result));
      else report(io, existing ? "Added keys to" : "Registered", result);
      return EXIT_OK;
    });
  },
};

type Result = Awaited<ReturnType<typeof createIssuer>> & { added?: string[]; unchanged?: string[] };

async function register(ctx: Ctx, iss: string, existing: IssuerView | undefined, input: { jwks?: string; jwksUrl?: string; name?: string }): Promise<Result> {
  if (!existing) return createIssuer(ctx, { iss, name: input.name ?? "", ...(input.jwks ? { jwks: input.jwks } : { jwksUrl: input.jwksUrl }) });
  if (!input.jwks) throw new UsageError(`issuer "${iss}" is already registered; add keys to it with --jwks`);
  return addIssuerKeys(ctx, existing.id, { jwks: input.jwks });
}

function report(io: CliIO, verb: string, result: Result): void {
  io.out(`${verb} issuer ${result.issuer.iss}:`);
  for (const key of result.issuer.keys) {
    const state = result.unchanged?.includes(key.kid) ? " (already registered)" : "";
    io.out(`  ${key.kid}  ${key.alg ?? key.kty}  thumbprint ${key.thumbprint}  ${key.status}${state}`);
  }
  for (const skipped of result.skipped) io.err(`skipped key ${skipped.kid ?? "(no kid)"}: it names issuer "${skipped.iss}"`);
  if (result.reverified.checked > 0) io.out(`Verified ${result.reverified.checked} stored receipt(s) again; ${result.reverified.changed} changed verdict.`);
}

async function readJwks(file: string, io: CliIO): Promise<string> {
  try {
    return file === "-" ? await io.readStdin() : readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        jwks: { type: "string" },
        "jwks-url": { type: "string" },
        name: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
