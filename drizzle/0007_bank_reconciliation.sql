CREATE TYPE "public"."bank_account_scheme" AS ENUM('iban', 'clabe', 'local');--> statement-breakpoint
CREATE TYPE "public"."bank_line_direction" AS ENUM('credit', 'debit');--> statement-breakpoint
CREATE TYPE "public"."bank_statement_format" AS ENUM('camt.053.001.02', 'camt.053.001.08', 'mt940', 'csv');--> statement-breakpoint
CREATE TABLE "bank_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ledger_account_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"scheme" "bank_account_scheme" NOT NULL,
	"number" text NOT NULL,
	"bank" text NOT NULL,
	"currency" char(3) NOT NULL,
	"holder" text NOT NULL,
	"registered_by" uuid,
	"registered_by_organisation" uuid,
	"created_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "bank_accounts_ledger_account_id_unique" UNIQUE("ledger_account_id"),
	CONSTRAINT "bank_accounts_number_key" UNIQUE("scheme","number")
);
--> statement-breakpoint
CREATE TABLE "bank_csv_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "bank_csv_mappings_name_key" UNIQUE("bank","name")
);
--> statement-breakpoint
CREATE TABLE "bank_lines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bank_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"statement_id" uuid NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"booking_date" date NOT NULL,
	"value_date" date NOT NULL,
	"amount" numeric NOT NULL,
	"direction" "bank_line_direction" NOT NULL,
	"currency" char(3) NOT NULL,
	"counterparty" text DEFAULT '' NOT NULL,
	"counterparty_account" text DEFAULT '' NOT NULL,
	"remittance" text DEFAULT '' NOT NULL,
	"end_to_end_id" text DEFAULT '' NOT NULL,
	"bank_reference" text DEFAULT '' NOT NULL,
	"transaction_code" text DEFAULT '' NOT NULL,
	CONSTRAINT "bank_lines_position_key" UNIQUE("statement_id","position"),
	CONSTRAINT "bank_lines_amount_positive" CHECK ("bank_lines"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "bank_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"sha256" char(64) NOT NULL,
	"format" "bank_statement_format" NOT NULL,
	"reference" text NOT NULL,
	"content" "bytea" NOT NULL,
	"currency" char(3) NOT NULL,
	"opening_date" date NOT NULL,
	"opening_balance" numeric NOT NULL,
	"closing_date" date NOT NULL,
	"closing_balance" numeric NOT NULL,
	"line_count" integer NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "bank_statements_file_key" UNIQUE("bank_account_id","sha256"),
	CONSTRAINT "bank_statements_dates_ordered" CHECK ("bank_statements"."opening_date" <= "bank_statements"."closing_date")
);
--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_ledger_account_id_ledger_accounts_id_fk" FOREIGN KEY ("ledger_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_registered_by_api_keys_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_registered_by_organisation_organisations_id_fk" FOREIGN KEY ("registered_by_organisation") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_csv_mappings" ADD CONSTRAINT "bank_csv_mappings_created_by_api_keys_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_lines" ADD CONSTRAINT "bank_lines_statement_id_bank_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."bank_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_lines" ADD CONSTRAINT "bank_lines_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statements" ADD CONSTRAINT "bank_statements_imported_by_api_keys_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_accounts_programme_idx" ON "bank_accounts" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "bank_lines_account_idx" ON "bank_lines" USING btree ("bank_account_id","booking_date");--> statement-breakpoint
-- What a bank said is never rewritten, like the ledger (ledger_refuse_change comes from 0001): a
-- statement, its lines, a registered account and a saved CSV mapping are insert-only.
CREATE TRIGGER bank_accounts_append_only BEFORE UPDATE OR DELETE ON bank_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_csv_mappings_append_only BEFORE UPDATE OR DELETE ON bank_csv_mappings
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_statements_append_only BEFORE UPDATE OR DELETE ON bank_statements
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_lines_append_only BEFORE UPDATE OR DELETE ON bank_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_statements_no_truncate BEFORE TRUNCATE ON bank_statements
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_lines_no_truncate BEFORE TRUNCATE ON bank_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
