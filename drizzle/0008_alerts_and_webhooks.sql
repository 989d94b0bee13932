CREATE TABLE "alert_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alert_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"alert_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"type" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rule_state" (
	"key" text PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_silences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matchers" jsonb NOT NULL,
	"reason" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid,
	"created_by_email" text NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"ended_by_email" text,
	CONSTRAINT "alert_silences_window" CHECK ("alert_silences"."ends_at" > "alert_silences"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fingerprint" text NOT NULL,
	"kind" text NOT NULL,
	"labels" jsonb NOT NULL,
	"state" text NOT NULL,
	"severity" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"evidence" jsonb NOT NULL,
	"surface" text,
	"outcome" text,
	"source_id" uuid,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"fired_at" timestamp (3) with time zone,
	"resolved_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"acknowledged_at" timestamp (3) with time zone,
	"acknowledged_by" uuid,
	"acknowledged_by_email" text,
	"acknowledge_note" text,
	"notified_state" text,
	"notified_severity" text,
	"notified_at" timestamp (3) with time zone,
	CONSTRAINT "alerts_state_known" CHECK ("alerts"."state" in ('pending','firing','resolved')),
	CONSTRAINT "alerts_severity_known" CHECK ("alerts"."severity" in ('none','warning','critical'))
);
--> statement-breakpoint
CREATE TABLE "drift_rollup_hour" (
	"hour" timestamp with time zone NOT NULL,
	"surface" text NOT NULL,
	"outcome" text NOT NULL,
	"source_id" uuid NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "drift_rollup_hour_hour_surface_outcome_source_id_pk" PRIMARY KEY("hour","surface","outcome","source_id")
);
--> statement-breakpoint
CREATE TABLE "drift_streams" (
	"surface" text NOT NULL,
	"outcome" text NOT NULL,
	"state" jsonb,
	"folded" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"baseline" jsonb,
	"baseline_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "drift_streams_surface_outcome_pk" PRIMARY KEY("surface","outcome"),
	CONSTRAINT "drift_streams_outcome" CHECK ("drift_streams"."outcome" in ('DENY','SILENCE'))
);
--> statement-breakpoint
CREATE TABLE "surface_alert_settings" (
	"surface" text PRIMARY KEY NOT NULL,
	"sensitivity" text DEFAULT 'medium' NOT NULL,
	"min_volume" integer,
	"muted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by_email" text,
	CONSTRAINT "surface_alert_settings_sensitivity" CHECK ("surface_alert_settings"."sensitivity" in ('low','medium','high'))
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"webhook_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"status" text NOT NULL,
	"alert_ids" jsonb NOT NULL,
	"body" text NOT NULL,
	"test" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"last_attempt_at" timestamp (3) with time zone,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"delivered_at" timestamp (3) with time zone,
	CONSTRAINT "webhook_deliveries_state" CHECK ("webhook_deliveries"."state" in ('pending','delivered','failed'))
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"secret_hint" text NOT NULL,
	"kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"severities" jsonb DEFAULT '["warning","critical"]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_silences" ADD CONSTRAINT "alert_silences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_rollup_hour" ADD CONSTRAINT "drift_rollup_hour_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_alert_idx" ON "alert_events" USING btree ("alert_id","at");--> statement-breakpoint
CREATE INDEX "alert_silences_ends_idx" ON "alert_silences" USING btree ("ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_fingerprint_idx" ON "alerts" USING btree ("fingerprint") WHERE "alerts"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_starts_idx" ON "alerts" USING btree ("starts_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alerts_state_starts_idx" ON "alerts" USING btree ("state","starts_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alerts_kind_starts_idx" ON "alerts" USING btree ("kind","starts_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alerts_surface_starts_idx" ON "alerts" USING btree ("surface","starts_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alerts_notify_idx" ON "alerts" USING btree ("notified_state") WHERE "alerts"."state" = 'firing' or "alerts"."notified_state" = 'firing';--> statement-breakpoint
CREATE INDEX "drift_rollup_hour_surface_idx" ON "drift_rollup_hour" USING btree ("surface","hour");--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries" USING btree ("webhook_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "webhooks_name_lower_idx" ON "webhooks" USING btree (lower("name"));