// Determinism conflicts on an archive that predates the flag table: the migration finds them.
import { rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, rowsOf } from "../db/migrate";
import { roleCtx } from "../testing/contexts";
import { migrationsUpTo, reopenableDatabase, type Reopenable } from "../testing/reopenable-database";
import { databaseKinds } from "../testing/test-database";
import { getReceiptFindings } from "./index";

const LAST_MIGRATION_WITHOUT_CONFLICTS = "0010_receipt_log_positions";

describe.each(await databaseKinds())("migrating to determinism_conflicts on %s", (kind) => {
  let database: Reopenable;
  const folder = migrationsUpTo(LAST_MIGRATION_WITHOUT_CONFLICTS);
  beforeAll(async () => {
    database = await reopenableDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("flags the requests already decided two ways, and only those", async () => {
    const handle = await database.open();
    try {
      await migrateDatabase(handle, folder);
      const source = rowsOf<{ id: string }>(await handle.db.execute(sql`insert into sources (name, token_hash, token_prefix) values ('old', 'x', 'x') returning id`))[0]!.id;
      // target, decision, verdict, grant: only the two valid, grant-free receipts on "svc:a" disagree.
      const rows: Array<[string, string, string, string | null]> = [
        ["svc:a", "PERMIT", "valid", null],
        ["svc:a", "DENY", "valid", null],
        ["svc:b", "PERMIT", "valid", null],
        ["svc:b", "DENY", "bad_signature", null],
        ["svc:c", "DENY", "valid", null],
        ["svc:c", "PERMIT", "valid", "bg-1"],
      ];
      for (const [i, [target, decision, verdict, grant]] of rows.entries()) {
        const at = new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString();
        await handle.db.execute(sql`
          insert into receipts (iss, receipt_id, raw, sha256, format, verdict, verified_at, ts, source_id, received_at,
            actor, surface, action, target, decision, policy_digest, policy_version, override_grant)
          values ('gate-old', ${`o-${i}`}, convert_to(${`old-${i}`}, 'UTF8'), ${`sha-${i}`}, 'compact', ${verdict}, ${at}::timestamptz,
            ${at}::timestamptz, ${source}::uuid, ${at}::timestamptz, 'agent:old', 'deploy', 'rollout', ${target}, ${decision},
            'sha256:old', '1', ${grant})`);
      }

      await migrateDatabase(handle);
      const flagged = rowsOf<{ target: string; last_at: string | Date }>(await handle.db.execute(sql`select target, last_at from determinism_conflicts`));
      expect(flagged.map((f) => [f.target, new Date(f.last_at).toISOString()])).toEqual([["svc:a", "2026-11-01T00:00:01.000Z"]]);
      const { determinism } = await getReceiptFindings(roleCtx(handle.db, ["auditor"]));
      expect(determinism.map((f) => [f.target, f.decisions.map((d) => d.decision)])).toEqual([["svc:a", ["DENY", "PERMIT"]]]);
    } finally {
      await handle.close();
    }
  });
});
