import { ConfigError, parseConfig } from "../server/config";
import { connectDatabase } from "../server/db";
import { DataDirLockedError } from "../server/db/data-dir-lock";
import type { Ctx } from "../server/auth/actor";
import { AppError } from "../server/errors";
import { EXIT_FAILED, EXIT_USAGE, type CliIO } from "./io";

/**
 * Runs an admin command against the console's own database (same variables as the server),
 * as the system actor "cli"; every change it makes is on the audit trail like any other.
 */
export async function withAdminContext(io: CliIO, run: (ctx: Ctx) => Promise<number>): Promise<number> {
  let config;
  try {
    config = parseConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT_USAGE;
    }
    throw error;
  }
  let database;
  try {
    database = await connectDatabase(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      io.err(error.message);
      return EXIT_FAILED;
    }
    io.err(`Cannot open the database: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
  try {
    return await run({ db: database.db, actor: { type: "system", name: "cli" }, now: new Date() });
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`${error.code}: ${error.message}`);
      return EXIT_FAILED;
    }
    throw error;
  } finally {
    await database.close();
  }
}
