ALTER TABLE "receipts" DROP CONSTRAINT "receipts_key_id_issuer_keys_id_fk";
--> statement-breakpoint
ALTER TABLE "receipts" DROP CONSTRAINT "receipts_source_id_sources_id_fk";
--> statement-breakpoint
DROP INDEX "receipts_log_index_idx";--> statement-breakpoint
CREATE INDEX "receipts_unlogged_idx" ON "receipts" USING btree ("received_at","id") WHERE "receipts"."log_index" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_log_index_idx" ON "receipts" USING btree ("log_index") WHERE "receipts"."log_index" is not null;