CREATE TABLE "determinism_conflicts" (
	"policy_digest" text NOT NULL,
	"actor" text NOT NULL,
	"surface" text NOT NULL,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"flagged_at" timestamp (3) with time zone NOT NULL,
	"last_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "determinism_conflicts_pk" PRIMARY KEY("policy_digest","actor","surface","action","target")
);
--> statement-breakpoint
DROP INDEX "receipts_request_idx";--> statement-breakpoint
CREATE INDEX "determinism_conflicts_last_idx" ON "determinism_conflicts" USING btree ("last_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "receipts_decided_request_idx" ON "receipts" USING btree ("policy_digest","actor","surface","action","target","decision") WHERE "receipts"."verdict" = 'valid' and "receipts"."override_grant" is null and "receipts"."equivocation_of" is null;--> statement-breakpoint
-- Data: requests that valid receipts stored so far already decided differently.
INSERT INTO "determinism_conflicts" ("policy_digest", "actor", "surface", "action", "target", "flagged_at", "last_at")
	SELECT "policy_digest", "actor", "surface", "action", "target", now(), max("ts") FROM "receipts"
	WHERE "verdict" = 'valid' AND "override_grant" IS NULL AND "equivocation_of" IS NULL AND "decision" IS NOT NULL
		AND "policy_digest" IS NOT NULL AND "actor" IS NOT NULL AND "surface" IS NOT NULL AND "action" IS NOT NULL AND "target" IS NOT NULL
	GROUP BY "policy_digest", "actor", "surface", "action", "target"
	HAVING count(DISTINCT "decision") > 1;
