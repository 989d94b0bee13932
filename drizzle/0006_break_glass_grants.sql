CREATE TABLE "grant_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grant_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"grant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_email" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "grant_uses" (
	"receipt_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "grant_uses_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"grant_ref" text NOT NULL,
	"grant_id" uuid,
	"at" timestamp (3) with time zone NOT NULL,
	"surface" text,
	"action" text,
	"actor" text,
	"decision" text,
	"violations" text[] NOT NULL,
	"linked_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "grant_uses_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state" text NOT NULL,
	"operator" text NOT NULL,
	"operator_identities" text[] NOT NULL,
	"operator_user_id" uuid,
	"requested_by_id" text NOT NULL,
	"requested_by_email" text,
	"scope" jsonb NOT NULL,
	"justification" text NOT NULL,
	"ticket" text,
	"duration_seconds" integer NOT NULL,
	"start_at" timestamp (3) with time zone,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"request_expires_at" timestamp (3) with time zone NOT NULL,
	"required_approvals" integer NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"denied_at" timestamp (3) with time zone,
	"denied_by" text,
	"denial_comment" text,
	"nbf" timestamp (3) with time zone,
	"exp" timestamp (3) with time zone,
	"activated_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"revoked_by" text,
	"revocation_reason" text,
	"expired_at" timestamp (3) with time zone,
	"use_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"token_issued_at" timestamp (3) with time zone,
	"token_kid" text,
	"token_retrieved_at" timestamp (3) with time zone,
	"token_retrieved_by" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "grants_state_known" CHECK ("grants"."state" in ('pending','approved','active','denied','expired','revoked','request_expired')),
	CONSTRAINT "grants_window" CHECK ("grants"."exp" is null or ("grants"."nbf" is not null and "grants"."exp" > "grants"."nbf" and "grants"."exp" - "grants"."nbf" <= interval '24 hours'))
);
--> statement-breakpoint
ALTER TABLE "grant_events" ADD CONSTRAINT "grant_events_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_uses" ADD CONSTRAINT "grant_uses_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_uses" ADD CONSTRAINT "grant_uses_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_operator_user_id_users_id_fk" FOREIGN KEY ("operator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_events_grant_idx" ON "grant_events" USING btree ("grant_id","at","id");--> statement-breakpoint
CREATE INDEX "grant_uses_grant_idx" ON "grant_uses" USING btree ("grant_id","at");--> statement-breakpoint
CREATE INDEX "grants_requested_at_idx" ON "grants" USING btree ("requested_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "grants_state_idx" ON "grants" USING btree ("state","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "grants_operator_idx" ON "grants" USING gin ("operator_identities");--> statement-breakpoint
CREATE INDEX "grants_revoked_idx" ON "grants" USING btree ("exp") WHERE "grants"."revoked_at" is not null;