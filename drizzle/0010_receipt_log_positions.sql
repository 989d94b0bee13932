CREATE TABLE "tlog_pending" (
	"received_at" timestamp (3) with time zone NOT NULL,
	"receipt_id" uuid NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	CONSTRAINT "tlog_pending_received_at_receipt_id_pk" PRIMARY KEY("received_at","receipt_id")
);
--> statement-breakpoint
ALTER TABLE "tlog_nodes" ADD COLUMN "receipt_id" uuid;--> statement-breakpoint
-- Data: each leaf names the receipt that had its index; every receipt without a leaf waits for the sequencer.
UPDATE "tlog_nodes" AS n SET "receipt_id" = r."id" FROM "receipts" AS r WHERE n."level" = 0 AND r."log_index" = n."idx";--> statement-breakpoint
INSERT INTO "tlog_pending" ("received_at", "receipt_id", "leaf_hash")
	SELECT r."received_at", r."id", sha256('\x00'::bytea || r."raw") FROM "receipts" AS r
	WHERE NOT EXISTS (SELECT 1 FROM "tlog_nodes" AS n WHERE n."level" = 0 AND n."receipt_id" = r."id");--> statement-breakpoint
CREATE UNIQUE INDEX "tlog_nodes_receipt_idx" ON "tlog_nodes" USING btree ("receipt_id") WHERE "tlog_nodes"."level" = 0;--> statement-breakpoint
ALTER TABLE "tlog_nodes" ADD CONSTRAINT "tlog_nodes_leaf_has_receipt" CHECK (("tlog_nodes"."level" = 0) = ("tlog_nodes"."receipt_id" is not null));--> statement-breakpoint
DROP INDEX "receipts_log_index_idx";--> statement-breakpoint
DROP INDEX "receipts_unlogged_idx";--> statement-breakpoint
ALTER TABLE "receipts" DROP COLUMN "log_index";--> statement-breakpoint
-- Every leaf row was rewritten: fresh statistics, so log-order reads (bundles, entries) are planned as index scans at once.
ANALYZE "tlog_nodes";
