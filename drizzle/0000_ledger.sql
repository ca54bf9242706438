CREATE TYPE "public"."account_type" AS ENUM('asset', 'liability', 'equity', 'income', 'expense');--> statement-breakpoint
CREATE TYPE "public"."hold_status" AS ENUM('pending', 'posted', 'voided', 'expired');--> statement-breakpoint
CREATE TYPE "public"."posting_side" AS ENUM('debit', 'credit');--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "journal_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"kind" text NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"effective_at" timestamp (6) with time zone NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT clock_timestamp() NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fx" jsonb,
	"reverses_entry_id" bigint,
	"hold_id" uuid,
	CONSTRAINT "journal_entries_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" "account_type" NOT NULL,
	"normal_side" "posting_side" NOT NULL,
	"currency" char(3) NOT NULL,
	"minor_units" smallint NOT NULL,
	"owner_organisation_id" uuid,
	"programme_id" uuid,
	"application_id" uuid,
	"min_balance" numeric,
	"balance" numeric DEFAULT '0' NOT NULL,
	"held" numeric DEFAULT '0' NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "ledger_accounts_code_unique" UNIQUE("code"),
	CONSTRAINT "ledger_accounts_id_currency_key" UNIQUE("id","currency","minor_units"),
	CONSTRAINT "ledger_accounts_minor_units_range" CHECK ("ledger_accounts"."minor_units" BETWEEN 0 AND 4),
	CONSTRAINT "ledger_accounts_limit_scale" CHECK ("ledger_accounts"."min_balance" IS NULL OR "ledger_accounts"."min_balance" = round("ledger_accounts"."min_balance", "ledger_accounts"."minor_units")),
	CONSTRAINT "ledger_accounts_normal_side_matches_type" CHECK ("ledger_accounts"."normal_side" = CASE WHEN "ledger_accounts"."type" IN ('asset', 'expense') THEN 'debit'::posting_side ELSE 'credit'::posting_side END),
	CONSTRAINT "ledger_accounts_held_not_negative" CHECK ("ledger_accounts"."held" >= 0),
	CONSTRAINT "ledger_accounts_within_limit" CHECK ("ledger_accounts"."min_balance" IS NULL OR "ledger_accounts"."balance" - "ledger_accounts"."held" >= "ledger_accounts"."min_balance")
);
--> statement-breakpoint
CREATE TABLE "ledger_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"counter_account_id" uuid NOT NULL,
	"currency" char(3) NOT NULL,
	"minor_units" smallint NOT NULL,
	"amount" numeric NOT NULL,
	"captured" numeric DEFAULT '0' NOT NULL,
	"status" "hold_status" DEFAULT 'pending' NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT clock_timestamp() NOT NULL,
	"resolved_at" timestamp (6) with time zone,
	CONSTRAINT "ledger_holds_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "ledger_holds_amount_positive" CHECK ("ledger_holds"."amount" > 0),
	CONSTRAINT "ledger_holds_amount_scale" CHECK ("ledger_holds"."amount" = round("ledger_holds"."amount", "ledger_holds"."minor_units")),
	CONSTRAINT "ledger_holds_captured_within_amount" CHECK ("ledger_holds"."captured" >= 0 AND "ledger_holds"."captured" <= "ledger_holds"."amount"),
	CONSTRAINT "ledger_holds_distinct_accounts" CHECK ("ledger_holds"."account_id" <> "ledger_holds"."counter_account_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_seals" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp (6) with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "ledger_seals_entry_id_unique" UNIQUE("entry_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_unsealed" (
	"entry_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "postings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"account_id" uuid NOT NULL,
	"currency" char(3) NOT NULL,
	"minor_units" smallint NOT NULL,
	"side" "posting_side" NOT NULL,
	"amount" numeric NOT NULL,
	"account_version" bigint NOT NULL,
	"balance_after" numeric NOT NULL,
	"created_at" timestamp (6) with time zone NOT NULL,
	CONSTRAINT "postings_amount_positive" CHECK ("postings"."amount" > 0),
	CONSTRAINT "postings_amount_scale" CHECK ("postings"."amount" = round("postings"."amount", "postings"."minor_units"))
);
--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_hold_id_ledger_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."ledger_holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_reverses_fk" FOREIGN KEY ("reverses_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_holds" ADD CONSTRAINT "ledger_holds_account_currency_fk" FOREIGN KEY ("account_id","currency","minor_units") REFERENCES "public"."ledger_accounts"("id","currency","minor_units") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_holds" ADD CONSTRAINT "ledger_holds_counter_account_currency_fk" FOREIGN KEY ("counter_account_id","currency","minor_units") REFERENCES "public"."ledger_accounts"("id","currency","minor_units") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_seals" ADD CONSTRAINT "ledger_seals_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_account_currency_fk" FOREIGN KEY ("account_id","currency","minor_units") REFERENCES "public"."ledger_accounts"("id","currency","minor_units") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_reverses_key" ON "journal_entries" USING btree ("reverses_entry_id") WHERE "journal_entries"."reverses_entry_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "journal_entries_created_idx" ON "journal_entries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "journal_entries_hold_idx" ON "journal_entries" USING btree ("hold_id") WHERE "journal_entries"."hold_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ledger_accounts_application_idx" ON "ledger_accounts" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "ledger_accounts_programme_idx" ON "ledger_accounts" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "ledger_accounts_owner_idx" ON "ledger_accounts" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "ledger_holds_account_idx" ON "ledger_holds" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ledger_holds_pending_expiry_idx" ON "ledger_holds" USING btree ("expires_at") WHERE "ledger_holds"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "postings_entry_idx" ON "postings" USING btree ("entry_id");