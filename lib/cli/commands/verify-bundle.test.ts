import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportTrustFile, generateIssuerKey, trustSetFromKeys } from "../../core/receipts";
import { BUNDLE_NOW, bundleFixture, bundleText, type BundleFixture } from "../../core/tlog/bundle.test-support";
import { UsageError, type CliIO } from "../io";
import { command } from "./verify-bundle";

const AT = ["--at", BUNDLE_NOW.toISOString()];
let dir: string;
let fx: BundleFixture;
let good: string;

async function run(args: string[], stdin = "") {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CliIO = { out: (l) => void lines.push(l), err: (l) => void errors.push(l), readStdin: async () => stdin, env: {} };
  const code = await command.run(args, io);
  return { code, lines, errors };
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "countersign-verify-bundle-"));
  fx = await bundleFixture();
  good = await file("good.jsonl", await bundleText(fx));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("countersign verify-bundle", () => {
  it("exits 0 when the checkpoint, every inclusion proof and every signature verify", async () => {
    const { code, lines } = await run([...AT, good]);
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe("ok: 9 receipts: 9 verified (signature and log inclusion), 0 not");
    expect(lines.join("\n")).toMatch(/checkpoint size 10, root .+: signature valid/);
    const json = await run([...AT, "--json", "--vkey", fx.vkey, good]);
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ valid: true, receipts: 9, verified: 9, vkey: fx.vkey });
  });

  it("reads the bundle from standard input", async () => {
    expect((await run([...AT, "-"], await bundleText(fx))).code).toBe(0);
  });

  it("exits 1 and names each failing receipt when a receipt was altered or the file was cut off", async () => {
    const text = await bundleText(fx, (entries) => {
      entries[2]!.proof = entries[3]!.proof;
    });
    const altered = await run([...AT, await file("altered.jsonl", text)]);
    expect(altered.code).toBe(1);
    expect(altered.lines).toContainEqual(expect.stringMatching(/^FAILED {3}line 4 \(log index 3, receipt row-2\): INDEX_MISMATCH/));
    const cut = await run([...AT, "--json", await file("cut.jsonl", text.split("\n").slice(0, 4).join("\n"))]);
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.lines[0]!).failures.map((f: { code: string }) => f.code)).toEqual(["INDEX_MISMATCH", "BUNDLE_TRUNCATED"]);
  });

  it("exits 1 when the bundle's key is not the pinned one, or its receipts fail under the auditor's own trust file", async () => {
    const other = await generateIssuerKey("EdDSA", { kid: "g-1" });
    const trust = await file("trust.json", JSON.stringify(exportTrustFile(await trustSetFromKeys("gate-eu-1", [{ jwk: other.publicJwk }]))));
    const pinned = await run([...AT, "--json", "--trust", trust, good]);
    expect(pinned.code).toBe(1);
    expect(JSON.parse(pinned.lines[0]!)).toMatchObject({ verified: 0, failureCount: 9, failures: expect.arrayContaining([expect.objectContaining({ verdict: "bad_signature" })]) });
    const wrongKey = fx.vkey.replace(/\+[0-9a-f]{8}\+/, "+00000000+");
    expect((await run([...AT, "--vkey", wrongKey, good])).lines).toContainEqual(expect.stringMatching(/LOG_KEY_MISMATCH/));
  });

  it("exits 2 when the bundle or the trust file cannot be read, or the words are wrong", async () => {
    await expect(run([join(dir, "missing.jsonl")])).rejects.toBeInstanceOf(UsageError);
    await expect(run(["--trust", join(dir, "missing.json"), good])).rejects.toThrow(/cannot read the trust file/);
    await expect(run([good, good])).rejects.toBeInstanceOf(UsageError);
    await expect(run(["--at", "yesterday", good])).rejects.toThrow(/RFC 3339/);
  });
});
