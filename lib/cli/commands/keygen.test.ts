import { readFile, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrustFile, signReceipt, verifyReceipt } from "../../core/receipts";
import { UsageError, type CliIO } from "../io";
import { command } from "./keygen";

let dir: string;

function fakeIo(): CliIO & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), readStdin: async () => "", env: {} };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "countersign-keygen-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("countersign keygen", () => {
  it.each(["EdDSA", "ES256", "ES384", "PS256", "RS256"])("%s: writes a 0600 private JWK and prints a JWKS that verifies its receipts", async (alg) => {
    const out = join(dir, `${alg}.jwk.json`);
    const io = fakeIo();
    const code = await command.run(["--alg", alg, "--kid", `gate-a-${alg}`, "--iss", "gate-a", "--valid-from", "2026-01-01T00:00:00Z", "--out", out], io);
    expect(code).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const privateJwk = JSON.parse(await readFile(out, "utf8")) as { d?: string; kid: string };
    expect(privateJwk).toMatchObject({ kid: `gate-a-${alg}`, alg });
    expect(typeof privateJwk.d).toBe("string");
    const jwks = JSON.parse(io.lines.join("\n")) as { keys: Array<Record<string, string>> };
    expect(jwks.keys[0]).toMatchObject({ kid: `gate-a-${alg}`, alg, use: "sig", iss: "gate-a", valid_from: "2026-01-01T00:00:00Z" });
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    const trust = await parseTrustFile(jwks);
    const receipt = await signReceipt(
      { v: 1, id: "r", iss: "gate-a", iat: 1795183237, request: { actor: "a", surface: "s", action: "x", target: "t" }, decision: "PERMIT", reason: "", policy: { id: "p", version: "1", digest: `sha256:${"a".repeat(64)}` } },
      privateJwk, { alg: alg as "EdDSA", kid: privateJwk.kid });
    expect(await verifyReceipt(receipt, trust, new Date("2026-11-22T00:00:00Z"))).toMatchObject({ verdict: "valid" });
  });

  it("defaults to EdDSA, a thumbprint kid and valid_from now", async () => {
    const io = fakeIo();
    const before = Math.floor(Date.now() / 1000) * 1000;
    await command.run(["--out", join(dir, "default.jwk.json")], io);
    const key = (JSON.parse(io.lines.join("\n")) as { keys: Array<Record<string, string>> }).keys[0]!;
    expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(key.valid_from!)).toBeGreaterThanOrEqual(before);
  });

  it("never overwrites a key file without --force", async () => {
    const out = join(dir, "existing.jwk.json");
    await writeFile(out, "keep me");
    await expect(command.run(["--out", out], fakeIo())).rejects.toThrow(/exists/);
    expect(await readFile(out, "utf8")).toBe("keep me");
    expect(await command.run(["--out", out, "--force"], fakeIo())).toBe(0);
  });

  it.each([
    ["no --out", []],
    ["an unsupported alg", ["--alg", "HS256", "--out", "x"]],
    ["a bad time", ["--valid-from", "tomorrow", "--out", "x"]],
    ["valid_until before valid_from", ["--valid-from", "2026-02-01T00:00:00Z", "--valid-until", "2026-01-01T00:00:00Z", "--out", "y"]],
  ])("usage error: %s", async (_name, args) => {
    await expect(command.run(args, fakeIo())).rejects.toBeInstanceOf(UsageError);
  });
});
