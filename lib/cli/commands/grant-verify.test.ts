import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantTokenClaims, loadGrantKeyRing, signGrantToken, signRevocationList } from "../../core/grants";
import { activeGrant, HOUR, T0 } from "../../core/grants/testdata/grant-fixtures";
import { RFC8032_TEST2_KEY, RFC8037_KEY } from "../../core/grants/testdata/keys";
import { UsageError, type CliIO } from "../io";
import { command } from "./grant-verify";

const ISSUER = "https://console.example.com";
let dir: string;
let server: Server;
let base: string;
let token: string;
let retiredToken: string;
const files: Record<string, string> = {};
const served = new Map<string, string>();

function fakeIo(stdin = ""): CliIO & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), readStdin: async () => stdin, env: {} };
}

async function run(args: string[], stdin = "") {
  const io = fakeIo(stdin);
  const code = await command.run(args, io);
  return { code, out: io.lines.join("\n") };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "grant-verify-"));
  const ring = await loadGrantKeyRing({ keys: [RFC8037_KEY] });
  const retired = await loadGrantKeyRing({ keys: [RFC8032_TEST2_KEY] });
  const claims = grantTokenClaims(activeGrant(), { issuer: ISSUER, audience: "countersign-gates", issuedAt: T0 + 60 });
  token = await signGrantToken(claims, ring.signing);
  retiredToken = await signGrantToken(claims, retired.signing);
  const revoked = await signRevocationList({ iss: ISSUER, iat: T0 + 700, revoked: [{ jti: "g-1", revoked_at: T0 + 600, reason: "incident closed" }] }, ring.signing);
  const clean = await signRevocationList({ iss: ISSUER, iat: T0 + 700, revoked: [] }, ring.signing);
  const forged = await signRevocationList({ iss: ISSUER, iat: T0 + 700, revoked: [] }, retired.signing);
  const contents: Record<string, string> = {
    "jwks.json": JSON.stringify(ring.jwks),
    "token.jwt": `${token}\n`,
    "revoked.jws": revoked,
    "clean.jws": clean,
    "forged.jws": forged,
    "bad.json": "{not json",
  };
  for (const [name, text] of Object.entries(contents)) {
    files[name] = join(dir, name);
    await writeFile(files[name]!, text);
  }
  served.set("/.well-known/jwks.json", contents["jwks.json"]!);
  served.set("/api/v1/break-glass/revocations", revoked);
  server = createServer((req, res) => {
    if (req.url === "/fresh-revocations") {
      // A console answering as the second turns: the list's iat is one second after the request.
      const waitMs = 1000 - (Date.now() % 1000) + 5;
      setTimeout(() => {
        void signRevocationList({ iss: ISSUER, iat: Math.floor(Date.now() / 1000), revoked: [] }, ring.signing).then((jws) => res.writeHead(200).end(jws));
      }, waitMs);
      return;
    }
    const body = served.get(req.url ?? "");
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" }).end(body ?? "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const inWindow = ["--at", String(T0 + 720)];

describe("countersign grant verify", () => {
  it("accepts a genuine token given on the command line, from a file or from stdin", async () => {
    const direct = await run(["--jwks", files["jwks.json"]!, ...inWindow, token]);
    expect(direct.code).toBe(0);
    expect(direct.out).toContain("valid: break-glass grant g-1");
    expect(direct.out).toContain("surfaces payments; actions transfer, refund");
    expect((await run(["--jwks", files["jwks.json"]!, ...inWindow, files["token.jwt"]!])).code).toBe(0);
    expect((await run(["--jwks", files["jwks.json"]!, ...inWindow, "-"], `${token}\n`)).code).toBe(0);
  });

  it("fetches the JWKS and the revocation list over HTTP and reports a revoked grant", async () => {
    const result = await run(["--jwks", `${base}/.well-known/jwks.json`, "--revocations", `${base}/api/v1/break-glass/revocations`, ...inWindow, "--json", token]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ valid: false, code: "revoked", at: T0 + 720, revocations: { checked: true, iat: T0 + 700, count: 1 } });
  });

  it("accepts the token against a list that does not name it", async () => {
    const result = await run(["--jwks", files["jwks.json"]!, "--revocations", files["clean.jws"]!, ...inWindow, "--json", token]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ valid: true, code: "valid", kid: "grant-2026-11", claims: { jti: "g-1" } });
  });

  it("checks a list issued while it was being fetched at the time it arrived, not as issued in the future", async () => {
    const fresh = await run(["--jwks", `${base}/.well-known/jwks.json`, "--revocations", `${base}/fresh-revocations`, "--json", token]);
    const verdict = JSON.parse(fresh.out) as { code: string; revocations?: { checked: boolean } };
    expect(verdict.code).not.toBe("revocation_list_invalid");
    expect(verdict.revocations).toMatchObject({ checked: true });
  });

  it("fails closed when the revocation list does not verify", async () => {
    const result = await run(["--jwks", files["jwks.json"]!, "--revocations", files["forged.jws"]!, ...inWindow, token]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("revocation_list_invalid");
  });

  it("answers tampered, expired and retired-key tokens with exit 1 and the reason", async () => {
    const [h, p, s] = token.split(".");
    const tampered = `${h}.${p}.${s!.startsWith("A") ? "B" : "A"}${s!.slice(1)}`;
    const cases: [string, string[], string][] = [
      [tampered, inWindow, "bad_signature"],
      [token, ["--at", new Date((T0 + 60 + HOUR) * 1000).toISOString()], "expired"],
      [token, ["--at", String(T0)], "not_yet_valid"],
      [retiredToken, inWindow, "unknown_key"],
      [token, [...inWindow, "--audience", "other-gates"], "wrong_audience"],
    ];
    for (const [input, extra, code] of cases) {
      const result = await run(["--jwks", files["jwks.json"]!, ...extra, input]);
      expect(result.code, code).toBe(1);
      expect(result.out, code).toContain(`invalid (${code})`);
    }
  });

  it("treats missing options and unreadable inputs as usage errors (exit 2)", async () => {
    await expect(run([token])).rejects.toBeInstanceOf(UsageError);
    await expect(run(["--jwks", files["jwks.json"]!])).rejects.toBeInstanceOf(UsageError);
    await expect(run(["--jwks", join(dir, "missing.json"), token])).rejects.toThrow(/cannot read the JWKS/);
    await expect(run(["--jwks", files["bad.json"]!, token])).rejects.toThrow(/not JSON/);
    await expect(run(["--jwks", `${base}/nothing-here`, token])).rejects.toThrow(/HTTP 404/);
    await expect(run(["--jwks", files["jwks.json"]!, "--at", "yesterday", token])).rejects.toBeInstanceOf(UsageError);
    await expect(run(["--jwks", files["jwks.json"]!, "--bogus", token])).rejects.toBeInstanceOf(UsageError);
  });
});
