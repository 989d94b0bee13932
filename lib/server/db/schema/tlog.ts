import { sql } from "drizzle-orm";
import { bigint, check, customType, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// postgres.js answers bytea as a Buffer, PGlite as a Uint8Array: both are Uint8Arrays.
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

// The hash of every perfect subtree of the transparency log (RFC 9162): level 0 holds the leaf
// hashes, node (level, idx) covers leaves [idx·2^level, (idx+1)·2^level). Roots and proofs are
// O(log n) reads of these rows. The log's size is the number of level-0 rows. Append-only.
// A leaf row is also the log entry: it names the receipt whose exact bytes it hashes, so a
// receipt's log index is `idx` of the leaf with its id (no receipt row is rewritten to say so).
export const tlogNodes = pgTable(
  "tlog_nodes",
  {
    level: smallint("level").notNull(),
    idx: bigint("idx", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
    // Leaves only. No foreign key: its per-row check would lock (and so rewrite) the receipt row,
    // the very write this layout avoids; receipts are never deleted.
    receiptId: uuid("receipt_id"),
  },
  (t) => [
    primaryKey({ columns: [t.level, t.idx] }),
    check("tlog_nodes_leaf_has_receipt", sql`(${t.level} = 0) = (${t.receiptId} is not null)`),
    // A receipt is appended once: at most one leaf names it.
    uniqueIndex("tlog_nodes_receipt_idx").on(t.receiptId).where(sql`${t.level} = 0`),
  ],
);

// Stored receipts the sequencer has not appended yet, in arrival order. Ingest adds a row in the
// statement that stores the receipt, with its leaf hash computed by Postgres from the stored
// bytes; the sequencer deletes it in the transaction that appends the leaf, without reading the
// receipt again. So every receipt is either pending here or a leaf, never both and never neither.
export const tlogPending = pgTable(
  "tlog_pending",
  {
    receivedAt: timestamp("received_at", { withTimezone: true, precision: 3 }).notNull(),
    receiptId: uuid("receipt_id").notNull(),
    // SHA-256(0x00 || receipts.raw): RFC 9162 leaf hash of the exact bytes stored.
    leafHash: bytea("leaf_hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.receivedAt, t.receiptId] })],
);

// Every checkpoint (signed tree head) the console has issued, kept forever. One per tree size and
// log key: Ed25519 is deterministic, so signing the same size again gives the same note.
export const tlogCheckpoints = pgTable(
  "tlog_checkpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The verifier key string of the key that signed it (public; the private key is never here).
    vkey: text("vkey").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    root: bytea("root").notNull(),
    note: text("note").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true, precision: 3 }).notNull(),
    // "growth": issued because the tree grew; "request": signed on demand for a proof at that size.
    reason: text("reason").notNull(),
  },
  (t) => [uniqueIndex("tlog_checkpoints_vkey_size_idx").on(t.vkey, t.size), index("tlog_checkpoints_issued_idx").on(t.issuedAt)],
);
