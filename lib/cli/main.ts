import { readFileSync } from "node:fs";
import { EXIT_USAGE, UsageError, type CliIO, type Command } from "./io";

// Each command loads lazily: `verify` must not pull in the database driver.
const load = (module: Promise<{ command: Command }>) => module.then((m) => m.command);
const commands: Record<string, () => Promise<Command>> = {
  verify: () => load(import("./commands/verify")),
  "verify-bundle": () => load(import("./commands/verify-bundle")),
  keygen: () => load(import("./commands/keygen")),
  sign: () => load(import("./commands/sign")),
  "log verify-inclusion": () => load(import("./commands/log-verify-inclusion")),
  "log verify-consistency": () => load(import("./commands/log-verify-consistency")),
  "log verify-note": () => load(import("./commands/log-verify-note")),
  "log verify-proof": () => load(import("./commands/log-verify-proof")),
  "log monitor": () => load(import("./commands/log-monitor")),
  "grant verify": () => load(import("./commands/grant-verify")),
  "admin user create": () => load(import("./commands/admin-user-create")),
  "admin token create": () => load(import("./commands/admin-token-create")),
  "admin source create": () => load(import("./commands/admin-source-create")),
  "admin issuer add": () => load(import("./commands/admin-issuer-add")),
  simulate: () => load(import("./commands/simulate")),
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function findCommand(argv: string[]): { name: string; rest: string[] } | undefined {
  for (let words = Math.min(3, argv.length); words > 0; words--) {
    const name = argv.slice(0, words).join(" ");
    if (name in commands) return { name, rest: argv.slice(words) };
  }
  return undefined;
}

function help(io: CliIO): void {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  io.out(`countersign ${pkg.version}: verify receipts, logs and grants; administer a console.`);
  io.out("");
  io.out("Commands:");
  for (const name of Object.keys(commands).sort()) io.out(`  countersign ${name}`);
  io.out("");
  io.out("Exit codes: 0 all good, 1 something failed verification, 2 usage or unreadable input.");
  io.out("Run `countersign <command> --help` for a command's options.");
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    help(io);
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`countersign: unknown command "${argv.join(" ")}". Run \`countersign --help\`.`);
    return EXIT_USAGE;
  }
  const command = await commands[found.name]!();
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    io.out(`${command.summary}\n\nUsage: countersign ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(found.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`countersign ${found.name}: ${error.message}`);
      io.err(`Usage: countersign ${command.usage}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

const isEntryPoint = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isEntryPoint) {
  const io: CliIO = {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
    readStdin,
    env: process.env,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`countersign: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(EXIT_USAGE);
    },
  );
}
