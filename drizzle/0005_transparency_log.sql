CREATE TABLE "tlog_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vkey" text NOT NULL,
	"size" bigint NOT NULL,
	"root" "bytea" NOT NULL,
	"note" text NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tlog_nodes" (
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "tlog_nodes_level_idx_pk" PRIMARY KEY("level","idx")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "tlog_checkpoints_vkey_size_idx" ON "tlog_checkpoints" USING btree ("vkey","size");--> statement-breakpoint
CREATE INDEX "tlog_checkpoints_issued_idx" ON "tlog_checkpoints" USING btree ("issued_at");