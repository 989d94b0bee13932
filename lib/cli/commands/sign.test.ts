import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES_DIR, trustFileText } from "../../core/receipts/fixtures/load-vectors";
import { parseTrustFile, verifyReceipt } from "../../core/receipts";
import { UsageError, type CliIO } from "../io";
import { command } from "./sign";

let dir: string;
let keyFile: string;
let rsaFile: string;
const payload = {
  v: 1, id: "rcpt-cli-1", iss: "gate-eu-1", iat: 1795183237,
  request: { actor: "agent:x", surface: "payments", action: "refund", target: "order:9" },
  decision: "DENY", reason: "rule:refunds.deny_over_limit",
  policy: { id: "refunds", version: "4", digest: `sha256:${"b".repeat(64)}` },
};

function fakeIo(stdin = ""): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), err: () => undefined, readStdin: async () => stdin, env: {} };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "countersign-sign-"));
  const keys = (JSON.parse(await readFile(join(FIXTURES_DIR, "keys.private.json"), "utf8")) as { keys: Record<string, Record<string, string>> }).keys;
  keyFile = join(dir, "ed.jwk.json");
  await writeFile(keyFile, JSON.stringify(keys["eu1-ed25519"]));
  const { alg: _alg, ...unpinned } = keys["eu1-rsa-unpinned"]!;
  rsaFile = join(dir, "rsa.jwk.json");
  await writeFile(rsaFile, JSON.stringify(unpinned));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("countersign sign", () => {
  it("signs a payload from stdin into a receipt the shared trust file accepts", async () => {
    const io = fakeIo(JSON.stringify(payload));
    expect(await command.run(["--key", keyFile, "-"], io)).toBe(0);
    const trust = await parseTrustFile(trustFileText());
    expect(await verifyReceipt(io.lines[0]!, trust, new Date("2026-11-22T00:00:00Z"))).toMatchObject({ verdict: "valid", payload: { id: "rcpt-cli-1" } });
  });

  it("sets iss and iat from flags and fills iat when absent", async () => {
    const file = join(dir, "payload.json");
    const { iat: _iat, ...noIat } = payload;
    await writeFile(file, JSON.stringify(noIat));
    const io = fakeIo();
    await command.run(["--key", keyFile, "--iss", "gate-us-2", file], io);
    const body = JSON.parse(Buffer.from(io.lines[0]!.split(".")[1]!, "base64url").toString()) as { iss: string; iat: number };
    expect(body.iss).toBe("gate-us-2");
    expect(Math.abs(body.iat - Date.now() / 1000)).toBeLessThan(60);
    const fixed = fakeIo();
    await command.run(["--key", keyFile, "--iat", "1700000000", file], fixed);
    expect(JSON.parse(Buffer.from(fixed.lines[0]!.split(".")[1]!, "base64url").toString())).toMatchObject({ iat: 1700000000 });
  });

  it("takes the algorithm for an RSA key from --alg", async () => {
    const io = fakeIo(JSON.stringify(payload));
    await command.run(["--key", rsaFile, "--alg", "PS256", "-"], io);
    expect(decodeProtectedHeader(io.lines[0]!)).toEqual({ alg: "PS256", kid: "eu1-rsa-unpinned" });
    await expect(command.run(["--key", rsaFile, "-"], fakeIo(JSON.stringify(payload)))).rejects.toThrow(/needs --alg/);
  });

  it.each([
    ["a payload that breaks the schema", { ...payload, decision: "ALLOW" }, /receipt schema: decision/],
    ["a payload with duplicate members", `{"v":1,"v":1}`, /duplicate member/],
  ])("refuses %s", async (_name, body, message) => {
    const stdin = typeof body === "string" ? body : JSON.stringify(body);
    await expect(command.run(["--key", keyFile, "-"], fakeIo(stdin))).rejects.toThrow(message);
  });

  it("refuses a public key as --key", async () => {
    const publicFile = join(dir, "public.json");
    await writeFile(publicFile, JSON.stringify({ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "k" }));
    await expect(command.run(["--key", publicFile, "-"], fakeIo(JSON.stringify(payload)))).rejects.toThrow(/not a private key/);
  });

  it.each([["no --key", ["-"]], ["no payload", ["--key", "k.json"]], ["--key from stdin", ["--key", "-", "-"]], ["a bad --iat", ["--key", "k", "--iat", "soon", "-"]]])(
    "usage error: %s", async (_name, args) => {
      await expect(command.run(args, fakeIo())).rejects.toBeInstanceOf(UsageError);
    });
});
