import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateIssuerKey } from "../../core/receipts";
import { FIXTURES_DIR } from "../../core/receipts/fixtures/load-vectors";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../server/testing/test-database";
import type { CliIO } from "../io";
import { command } from "./admin-issuer-add";

function fakeIo(env: Record<string, string>, stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, env };
  return { io, out, err };
}

const TRUST = path.join(FIXTURES_DIR, "trust.json");

describe.each(await databaseKinds())("countersign admin issuer add on %s", async (kind) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "countersign-cli-issuer-"));
  let database: TestDatabase | undefined;
  const env: Record<string, string> = { COUNTERSIGN_DATA_DIR: dataDir, COUNTERSIGN_LOG_LEVEL: "silent" };
  if (kind === "postgres") {
    database = await createTestDatabase("postgres");
    env.DATABASE_URL = database.url!;
  }
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("registers an issuer from a trust file, naming each key's thumbprint and the keys it skipped", async () => {
    const run = fakeIo(env);
    expect(await command.run(["gate-us-2", "--jwks", TRUST, "--name", "US gate"], run.io)).toBe(0);
    expect(run.out[0]).toBe("Registered issuer gate-us-2:");
    expect(run.out[1]).toMatch(/^ {2}us2-ed25519 {2}EdDSA {2}thumbprint [A-Za-z0-9_-]{43} {2}active$/);
    expect(run.err.join("\n")).toContain('skipped key eu1-ed25519: it names issuer "gate-eu-1"');

    const again = fakeIo(env);
    expect(await command.run(["gate-us-2", "--jwks", TRUST, "--json"], again.io)).toBe(0);
    expect(JSON.parse(again.out[0]!)).toMatchObject({ added: [], unchanged: ["us2-ed25519"], issuer: { iss: "gate-us-2" } });
  });

  it("refuses a private key loudly (exit 1) and bad usage or unreadable files (exit 2)", async () => {
    const key = await generateIssuerKey("EdDSA", { kid: "oops" });
    const file = path.join(dataDir, "private.json");
    writeFileSync(file, JSON.stringify({ keys: [key.privateJwk] }));
    const leaked = fakeIo(env);
    expect(await command.run(["gate-leak", "--jwks", file], leaked.io)).toBe(1);
    expect(leaked.err.join("\n")).toContain("REFUSED: the JWKS contains PRIVATE key material");

    const fromStdin = fakeIo(env, JSON.stringify({ keys: [key.publicJwk] }));
    expect(await command.run(["gate-stdin", "--jwks", "-"], fromStdin.io)).toBe(0);

    for (const args of [[], ["a", "b", "--jwks", TRUST], ["gate-x"], ["gate-x", "--jwks", TRUST, "--jwks-url", "https://example.com/jwks"], ["gate-x", "--jwks", path.join(dataDir, "missing.json")], ["gate-x", "--bogus"]]) {
      expect(await command.run(args, fakeIo(env).io).catch((error: Error) => error.name), args.join(" ")).toBe("UsageError");
    }
  });
});
