import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { copyTextField } from "./copy-text";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { copyInThen } from "./copy-in";

const kinds = (await databaseKinds()).filter((kind) => kind === "postgres");

/** COPY data in chunks of at most 64 KiB, as the ingest path writes it. */
const chunksOf = (text: string) => Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) => Buffer.from(text.slice(i * 65_536, (i + 1) * 65_536)));

// COPY is PostgreSQL's (PGlite stores with one INSERT statement), so these run on the server only.
describe.runIf(kinds.length > 0)("COPY … FROM STDIN inside a transaction", () => {
  let database: TestDatabase;
  // One connection: a COPY that left it stuck would make every later statement here hang.
  let sql: postgres.Sql;
  const copy = (text: string, next: (tx: postgres.TransactionSql) => Promise<unknown> = (tx) => tx`select 1`) =>
    sql.begin((tx) => copyInThen(tx, "copy numbers (n) from stdin", chunksOf(text), () => next(tx)));
  const count = async () => (await sql<{ n: number }[]>`select count(*)::int as n from numbers`)[0]!.n;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    sql = postgres(database.url!, { max: 1, onnotice: () => {} });
    await sql`create table numbers (n int not null)`;
    await sql`create table texts (i int not null, v text)`;
  });
  beforeEach(async () => {
    await sql`truncate numbers`;
  });
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    await database.drop();
  });

  it("stores the rows and returns what runs behind the copy, in the same transaction", async () => {
    const seen = await copy("1\n2\n3\n", async (tx) => (await tx<{ n: number }[]>`select count(*)::int as n from numbers`)[0]!.n);
    expect(seen).toBe(3);
    expect(await count()).toBe(3);
  });

  it("sends data in many chunks, a row split across two of them included", async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `${i}\n`).join("");
    expect(chunksOf(text).length).toBeGreaterThan(5);
    await copy(text);
    const [sum] = await sql<{ n: string }[]>`select sum(n)::text as n from numbers`;
    expect([await count(), sum!.n]).toEqual([100_000, String((99_999 * 100_000) / 2)]);
  });

  it("rejects a COPY the server refuses after its end, rolls it back and frees the connection", async () => {
    await copy("1\n2\n");
    await expect(copy("3\n4\nnot a number\n")).rejects.toThrow();
    expect(await count()).toBe(2);
    const [state] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`;
    expect(state!.n).toBe(0);
  });

  it("rejects a COPY the server refuses while rows are still being sent", async () => {
    await copy("1\n");
    // 8 MB after the bad row: the refusal arrives long before the last byte is written.
    await expect(copy(`x\n${"5\n".repeat(4_000_000)}`)).rejects.toThrow();
    expect(await count()).toBe(1);
  });

  it("carries odd text through a real COPY unchanged", async () => {
    const values = ["", "tab\there", "two\nlines\r\n", "back\\slash", "\\N", "\\.", "é 中文 \u{1f600} \u2028", "\u0001\u007f", null];
    const text = values.map((value, i) => `${i}\t${copyTextField(value)}\n`).join("");
    await sql.begin((tx) => copyInThen(tx, "copy texts (i, v) from stdin", [Buffer.from(text)], () => tx`select 1`));
    const rows = await sql<{ v: string | null }[]>`select v from texts order by i`;
    expect(rows.map((row) => row.v)).toEqual(values);
  });
});
