import { parseArgs, type ParseArgsConfig } from "node:util";

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

/** Exit codes shared by every command (DESIGN.md, Interfaces). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage error: the command's words are off, or its input cannot be read. Exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export type Command = {
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
};

/** node:util parseArgs whose complaints become usage errors (exit 2) with its own message. */
export function parseOptions<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
