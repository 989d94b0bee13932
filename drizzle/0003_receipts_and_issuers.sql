CREATE TABLE "console_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuer_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"alg" text,
	"kty" text NOT NULL,
	"crv" text,
	"jwk" jsonb NOT NULL,
	"thumbprint" text NOT NULL,
	"valid_from" timestamp (3) with time zone,
	"valid_until" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"revoked_reason" text,
	"revoked_by" text,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iss" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"jwks_url" text,
	"refreshed_at" timestamp with time zone,
	"refresh_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iss" text NOT NULL,
	"receipt_id" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"format" text NOT NULL,
	"kid" text,
	"alg" text,
	"verdict" text NOT NULL,
	"failed_step" smallint,
	"verdict_message" text,
	"key_id" uuid,
	"verified_at" timestamp (3) with time zone NOT NULL,
	"iat" bigint,
	"ts" timestamp (3) with time zone NOT NULL,
	"surface" text,
	"action" text,
	"actor" text,
	"target" text,
	"decision" text,
	"policy_id" text,
	"policy_version" text,
	"policy_digest" text,
	"idempotency_key" text,
	"override_grant" text,
	"source_id" uuid NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"equivocation_of" uuid,
	"log_index" bigint
);
--> statement-breakpoint
ALTER TABLE "issuer_keys" ADD CONSTRAINT "issuer_keys_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuers" ADD CONSTRAINT "issuers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_key_id_issuer_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."issuer_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_equivocation_of_receipts_id_fk" FOREIGN KEY ("equivocation_of") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issuer_keys_kid_idx" ON "issuer_keys" USING btree ("issuer_id","kid");--> statement-breakpoint
CREATE INDEX "issuer_keys_thumbprint_idx" ON "issuer_keys" USING btree ("thumbprint");--> statement-breakpoint
CREATE UNIQUE INDEX "issuers_iss_idx" ON "issuers" USING btree ("iss");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_identity_idx" ON "receipts" USING btree ("iss","receipt_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_log_index_idx" ON "receipts" USING btree ("log_index");--> statement-breakpoint
CREATE INDEX "receipts_ts_idx" ON "receipts" USING btree ("ts" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "receipts_iss_ts_idx" ON "receipts" USING btree ("iss","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "receipts_surface_ts_idx" ON "receipts" USING btree ("surface","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "receipts_actor_ts_idx" ON "receipts" USING btree ("actor","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "receipts_verdict_ts_idx" ON "receipts" USING btree ("verdict","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "receipts_key_idx" ON "receipts" USING btree ("key_id","iat");--> statement-breakpoint
CREATE INDEX "receipts_grant_idx" ON "receipts" USING btree ("override_grant") WHERE "receipts"."override_grant" is not null;--> statement-breakpoint
CREATE INDEX "receipts_equivocation_idx" ON "receipts" USING btree ("equivocation_of") WHERE "receipts"."equivocation_of" is not null;--> statement-breakpoint
CREATE INDEX "receipts_request_idx" ON "receipts" USING btree ("policy_digest","actor","surface","action","target");