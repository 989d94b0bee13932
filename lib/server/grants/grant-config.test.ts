import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RFC8037_KEY } from "@/lib/core/grants/testdata/keys";
import { ConfigError, parseConfig } from "../config";
import { checkGrantKeyRing } from "./grant-keys";

describe("break-glass configuration", () => {
  it("defaults to a generated key ring in the data dir, 4 h, one approval, 1 h to review, no wildcards", () => {
    const { grants, dataDir } = parseConfig({ COUNTERSIGN_DATA_DIR: "/var/lib/countersign" });
    expect(grants).toEqual({
      keys: { kind: "generated", path: `${dataDir}/grant-keys.json` },
      audience: "countersign-gates",
      maxDurationSeconds: 14_400,
      requiredApprovals: 1,
      pendingTtlSeconds: 3600,
      allowWildcards: false,
    });
  });

  it("takes the key ring from the environment or a file, never both", () => {
    expect(parseConfig({ COUNTERSIGN_GRANT_KEYS: '{"keys":[]}' }).grants.keys).toEqual({ kind: "env", json: '{"keys":[]}' });
    expect(parseConfig({ COUNTERSIGN_GRANT_KEYS_FILE: "/etc/countersign/grant-keys.json" }).grants.keys).toEqual({ kind: "file", path: "/etc/countersign/grant-keys.json" });
    expect(() => parseConfig({ COUNTERSIGN_GRANT_KEYS: "{}", COUNTERSIGN_GRANT_KEYS_FILE: "/x" })).toThrow(/set one or neither/);
  });

  it("never lets a configuration lift the 24 h ceiling, and reads the policy switches", () => {
    expect(parseConfig({ COUNTERSIGN_GRANT_MAX_DURATION: "86400" }).grants.maxDurationSeconds).toBe(86_400);
    expect(() => parseConfig({ COUNTERSIGN_GRANT_MAX_DURATION: "86401" })).toThrow(ConfigError);
    expect(() => parseConfig({ COUNTERSIGN_GRANT_REQUIRED_APPROVALS: "0" })).toThrow(/COUNTERSIGN_GRANT_REQUIRED_APPROVALS/);
    const custom = parseConfig({ COUNTERSIGN_GRANT_ALLOW_WILDCARDS: "true", COUNTERSIGN_GRANT_REQUIRED_APPROVALS: "2", COUNTERSIGN_GRANT_PENDING_TTL: "600" }).grants;
    expect(custom).toMatchObject({ allowWildcards: true, requiredApprovals: 2, pendingTtlSeconds: 600 });
    expect(() => parseConfig({ COUNTERSIGN_GRANT_ALLOW_WILDCARDS: "perhaps" })).toThrow(/COUNTERSIGN_GRANT_ALLOW_WILDCARDS/);
  });

  it("checks the key ring at start: a usable ring passes, a broken one stops the start naming its variable", async () => {
    const dir = await mkdtemp(join(tmpdir(), "grant-keys-"));
    try {
      await expect(checkGrantKeyRing({ kind: "env", json: JSON.stringify({ keys: [RFC8037_KEY] }) }, dir)).resolves.toBeUndefined();
      await expect(checkGrantKeyRing({ kind: "env", json: "{not json" }, dir)).rejects.toThrow(/^COUNTERSIGN_GRANT_KEYS: .*not JSON/);
      await expect(checkGrantKeyRing({ kind: "env", json: '{"keys":[]}' }, dir)).rejects.toBeInstanceOf(ConfigError);
      await expect(checkGrantKeyRing({ kind: "file", path: join(dir, "missing.json") }, dir)).rejects.toThrow(/^COUNTERSIGN_GRANT_KEYS_FILE: /);
      const generated = join(dir, "grant-keys.json");
      await checkGrantKeyRing({ kind: "generated", path: generated }, dir);
      expect((await stat(generated)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
