import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { loadLogSigner } from "./log-key";
import { testLogSigner } from "./tlog.test-support";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "countersign-log-key-"));

describe("the log key", () => {
  it("is generated once into the data directory (0600), named after the public URL's host, and reused", async () => {
    const dir = dataDir();
    const config = parseConfig({ COUNTERSIGN_DATA_DIR: dir, COUNTERSIGN_PUBLIC_URL: "https://evidence.example.com/" });
    const first = await loadLogSigner(config.log);
    expect(first.origin).toBe("evidence.example.com/countersign");
    expect(statSync(path.join(dir, "log-key")).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, "log-key"), "utf8")).toMatch(/^PRIVATE\+KEY\+evidence\.example\.com\/countersign\+[0-9a-f]{8}\+/);
    // The origin stays the key's name when the public URL changes later.
    const again = await loadLogSigner(parseConfig({ COUNTERSIGN_DATA_DIR: dir, PORT: "4000" }).log);
    expect(again.vkey).toBe(first.vkey);
  });

  it("comes from COUNTERSIGN_LOG_KEY or COUNTERSIGN_LOG_KEY_FILE, and its name must be the configured origin", async () => {
    const key = await testLogSigner("logs.example.org/countersign");
    const fromEnv = await loadLogSigner(parseConfig({ COUNTERSIGN_DATA_DIR: dataDir(), COUNTERSIGN_LOG_KEY: key.signerKey }).log);
    expect(fromEnv).toMatchObject({ origin: "logs.example.org/countersign", vkey: key.vkey });
    const file = path.join(dataDir(), "key");
    writeFileSync(file, `${key.signerKey}\n`, { mode: 0o600 });
    expect((await loadLogSigner(parseConfig({ COUNTERSIGN_LOG_KEY_FILE: file }).log)).vkey).toBe(key.vkey);
    await expect(loadLogSigner(parseConfig({ COUNTERSIGN_LOG_KEY_FILE: file, COUNTERSIGN_LOG_ORIGIN: "other.example/log" }).log)).rejects.toThrow(/COUNTERSIGN_LOG_ORIGIN is "other.example\/log"/);
    await expect(loadLogSigner(parseConfig({ COUNTERSIGN_LOG_KEY_FILE: path.join(file, "missing") }).log)).rejects.toThrow(/COUNTERSIGN_LOG_KEY_FILE: cannot read/);
    await expect(loadLogSigner(parseConfig({ COUNTERSIGN_LOG_KEY: "PRIVATE+KEY+x+00000000+AAAA" }).log)).rejects.toThrow(/not a signer key/);
    expect(() => parseConfig({ COUNTERSIGN_LOG_KEY: key.signerKey, COUNTERSIGN_LOG_KEY_FILE: file })).toThrow(/set one or neither/);
    expect(() => parseConfig({ COUNTERSIGN_LOG_ORIGIN: "has space" })).toThrow(/COUNTERSIGN_LOG_ORIGIN/);
  });
});
