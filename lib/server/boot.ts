import "server-only";
import { ConfigError, getConfig } from "./config";
import { getDatabase } from "./db";
import { DataDirLockedError } from "./db/data-dir-lock";
import { checkGrantKeyRing } from "./grants/grant-keys";
import { consoleJobs, startScheduler } from "./scheduler";
import { getLogSigner } from "./tlog/log-key";
import { logger } from "./telemetry/logger";
import { ensureFirstAdmin, type FirstAdminOutcome } from "./users";

function announce(publicUrl: string, databaseKind: string, outcome: FirstAdminOutcome): void {
  const lines = [`countersign is running at ${publicUrl} (database: ${databaseKind})`];
  if (outcome.kind === "created") lines.push(`First admin created from COUNTERSIGN_ADMIN_EMAIL: sign in as ${outcome.email}.`);
  if (outcome.kind === "setup_link") {
    lines.push("No admin exists yet. Open this one-time link to set the first admin's email and password:");
    lines.push(`  ${outcome.url}`);
    lines.push("(valid 24 hours, until used, or until the next start)");
  }
  // The terminal banner is for the person who started the console, not for the log pipeline.
  process.stdout.write(`\n${lines.join("\n")}\n\n`);
}

/** Start sequence: validate config and signing keys, connect and migrate, make sure an admin can exist. Exits on failure. */
export async function boot(): Promise<void> {
  try {
    const config = getConfig();
    // Both signing keys load before anything is served: a broken key stops the start, not a request.
    await Promise.all([checkGrantKeyRing(config.grants.keys, config.dataDir), getLogSigner()]);
    const database = await getDatabase();
    const outcome = await ensureFirstAdmin(
      { db: database.db, actor: { type: "system", name: "boot" }, now: new Date() },
      { firstAdmin: config.firstAdmin, publicUrl: config.publicUrl },
    );
    announce(config.publicUrl, database.kind, outcome);
    startScheduler(database, consoleJobs());
    logger.info({ database: database.kind, version: config.version }, "countersign started");
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof DataDirLockedError;
    process.stderr.write(`\ncountersign cannot start: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n\n`);
    process.exit(1);
  }
}
