import { describe, expect, it } from "vitest";
import type { CliIO } from "./io";
import { runCli } from "./main";

// The commands DESIGN.md's Interfaces promise, exactly as users type them.
const DOCUMENTED = [
  "verify",
  "verify-bundle",
  "log verify-inclusion",
  "log verify-consistency",
  "log verify-note",
  "log verify-proof",
  "log monitor",
  "grant verify",
  "simulate",
  "admin user create",
  "admin token create",
  "admin source create",
  "admin issuer add",
  "keygen",
  "sign",
];

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (line) => void out.push(line), err: (line) => void err.push(line), readStdin: async () => "", env: {} };
  return { io, out, err };
}

describe("countersign command table", () => {
  it.each(DOCUMENTED)("answers `countersign %s --help` with its usage", async (name) => {
    const { io, out } = captureIo();
    expect(await runCli([...name.split(" "), "--help"], io)).toBe(0);
    expect(out.join("\n")).toContain(`Usage: countersign ${name}`);
  });

  it("lists every documented command in its help, and refuses an unknown one with exit 2", async () => {
    const help = captureIo();
    expect(await runCli(["--help"], help.io)).toBe(0);
    for (const name of DOCUMENTED) expect(help.out).toContain(`  countersign ${name}`);
    const unknown = captureIo();
    expect(await runCli(["verify-everything"], unknown.io)).toBe(2);
    expect(unknown.err.join("\n")).toMatch(/unknown command/);
  });
});
