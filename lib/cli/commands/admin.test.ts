import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../server/testing/test-database";
import { authenticateApiToken } from "../../server/tokens";
import type { CliIO } from "../io";
import { runCli } from "../main";

function fakeIo(env: Record<string, string>, stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, env };
  return { io, out, err };
}

describe.each(await databaseKinds())("countersign admin on %s", async (kind) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "countersign-cli-"));
  let database: TestDatabase | undefined;
  const env: Record<string, string> = { COUNTERSIGN_DATA_DIR: dataDir };
  if (kind === "postgres") {
    database = await createTestDatabase("postgres");
    env.DATABASE_URL = database.url!;
  }
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates a user from a password on standard input, and a token that authenticates as them", async () => {
    const created = fakeIo(env, "a long enough password\n");
    expect(await runCli(["admin", "user", "create", "--email", "Ops@Example.com", "--role", "admin", "--role", "oncall", "--password-stdin"], created.io)).toBe(0);
    expect(created.out.join("\n")).toContain("Created ops@example.com with roles admin, oncall.");

    const token = fakeIo(env);
    expect(await runCli(["admin", "token", "create", "--email", "ops@example.com", "--name", "deploy", "--json"], token.io)).toBe(0);
    const { token: secret } = JSON.parse(token.out[0]!) as { token: string };
    // Read back through a fresh connection to the same database the command wrote to.
    const check = database ?? (await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") }));
    try {
      expect(await authenticateApiToken(check.db, secret, new Date())).toMatchObject({ email: "ops@example.com", roles: ["admin", "oncall"] });
    } finally {
      if (!database) await check.close();
    }
  });

  it("creates a source and prints its ingest token once", async () => {
    const created = fakeIo(env);
    expect(await runCli(["admin", "source", "create", "gate-eu-1", "--json"], created.io)).toBe(0);
    expect(JSON.parse(created.out[0]!)).toMatchObject({ name: "gate-eu-1", token: expect.stringMatching(/^csi_/) });
    const duplicate = fakeIo(env);
    expect(await runCli(["admin", "source", "create", "GATE-EU-1"], duplicate.io)).toBe(1);
    expect(duplicate.err.join("\n")).toContain("already exists");
  });

  it("refuses bad input with specific messages and exit codes", async () => {
    const noPassword = fakeIo(env);
    expect(await runCli(["admin", "user", "create", "--email", "x@example.com", "--role", "auditor"], noPassword.io)).toBe(2);
    expect(noPassword.err.join("\n")).toContain("--password-stdin is required");

    const badRole = fakeIo(env, "a long enough password");
    expect(await runCli(["admin", "user", "create", "--email", "x@example.com", "--role", "root", "--password-stdin"], badRole.io)).toBe(1);
    expect(badRole.err.join("\n")).toContain("roles.0: expected one of auditor, oncall, admin");

    const duplicate = fakeIo(env, "a long enough password");
    expect(await runCli(["admin", "user", "create", "--email", "OPS@example.com", "--role", "auditor", "--password-stdin"], duplicate.io)).toBe(1);
    expect(duplicate.err.join("\n")).toContain("already exists");

    const unknown = fakeIo(env);
    expect(await runCli(["admin", "token", "create", "--email", "ghost@example.com", "--name", "x"], unknown.io)).toBe(1);
    expect(unknown.err.join("\n")).toContain("was not found");
  });

  if (kind === "pglite") {
    it("refuses to open the embedded database while another process (the console) holds it", async () => {
      writeFileSync(path.join(dataDir, "countersign.pid"), String(process.ppid));
      const locked = fakeIo(env, "a long enough password");
      expect(await runCli(["admin", "user", "create", "--email", "y@example.com", "--role", "auditor", "--password-stdin"], locked.io)).toBe(1);
      expect(locked.err.join("\n")).toMatch(/open in another countersign process \(pid \d+\)/);
      rmSync(path.join(dataDir, "countersign.pid"));
    });
  }
});
