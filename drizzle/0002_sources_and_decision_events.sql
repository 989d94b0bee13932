CREATE TABLE "decision_events" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "decision_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"time_unix_nano" text NOT NULL,
	"time_source" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"event_name" text NOT NULL,
	"surface" text NOT NULL,
	"outcome" text NOT NULL,
	"decision" text NOT NULL,
	"decision_source" text,
	"tool_name" text,
	"session_id" text,
	"prompt_id" text,
	"tool_use_id" text,
	"actor" text,
	"user_id" text,
	"user_email" text,
	"organization_id" text,
	"service_name" text,
	"gate_id" text,
	"event_sequence" bigint,
	"trace_id" text,
	"span_id" text,
	"resource_attributes" jsonb NOT NULL,
	"attributes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_rollup_minute" (
	"minute" timestamp with time zone NOT NULL,
	"surface" text NOT NULL,
	"outcome" text NOT NULL,
	"source_id" uuid NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "decision_rollup_minute_minute_surface_outcome_source_id_pk" PRIMARY KEY("minute","surface","outcome","source_id")
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"expected_interval_seconds" integer DEFAULT 300 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "decision_events" ADD CONSTRAINT "decision_events_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_rollup_minute" ADD CONSTRAINT "decision_rollup_minute_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_events_dedupe_idx" ON "decision_events" USING btree ("source_id","fingerprint","ts");--> statement-breakpoint
CREATE INDEX "decision_events_ts_idx" ON "decision_events" USING btree ("ts" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "decision_events_surface_ts_idx" ON "decision_events" USING btree ("surface","ts" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "decision_events_source_ts_idx" ON "decision_events" USING btree ("source_id","ts" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "decision_events_session_idx" ON "decision_events" USING btree ("session_id","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "decision_events_actor_ts_idx" ON "decision_events" USING btree ("actor","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "decision_events_tool_use_idx" ON "decision_events" USING btree ("tool_use_id");--> statement-breakpoint
CREATE INDEX "decision_rollup_surface_idx" ON "decision_rollup_minute" USING btree ("surface","minute");--> statement-breakpoint
CREATE UNIQUE INDEX "sources_name_lower_idx" ON "sources" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sources_token_hash_idx" ON "sources" USING btree ("token_hash");