CREATE TYPE "public"."bank_match_method" AS ENUM('rule', 'manual');--> statement-breakpoint
CREATE TABLE "bank_match_entries" (
	"match_id" uuid NOT NULL,
	"entry_id" bigint NOT NULL,
	"amount" numeric NOT NULL,
	CONSTRAINT "bank_match_entries_key" UNIQUE("match_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "bank_match_lines" (
	"match_id" uuid NOT NULL,
	"line_id" bigint NOT NULL,
	CONSTRAINT "bank_match_lines_key" UNIQUE("match_id","line_id")
);
--> statement-breakpoint
CREATE TABLE "bank_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bank_account_id" uuid NOT NULL,
	"method" "bank_match_method" NOT NULL,
	"rule" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"api_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_unmatches" (
	"match_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"api_key_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_match_entries" ADD CONSTRAINT "bank_match_entries_match_id_bank_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."bank_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_match_entries" ADD CONSTRAINT "bank_match_entries_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_match_lines" ADD CONSTRAINT "bank_match_lines_match_id_bank_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."bank_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_match_lines" ADD CONSTRAINT "bank_match_lines_line_id_bank_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."bank_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_matches" ADD CONSTRAINT "bank_matches_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_matches" ADD CONSTRAINT "bank_matches_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_unmatches" ADD CONSTRAINT "bank_unmatches_match_id_bank_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."bank_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_unmatches" ADD CONSTRAINT "bank_unmatches_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_match_entries_entry_idx" ON "bank_match_entries" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "bank_match_lines_line_idx" ON "bank_match_lines" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "bank_matches_account_idx" ON "bank_matches" USING btree ("bank_account_id");--> statement-breakpoint
-- Matching is a history: a match is undone by a bank_unmatches row, never rewritten.
CREATE TRIGGER bank_matches_append_only BEFORE UPDATE OR DELETE ON bank_matches
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_match_lines_append_only BEFORE UPDATE OR DELETE ON bank_match_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_match_entries_append_only BEFORE UPDATE OR DELETE ON bank_match_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_unmatches_append_only BEFORE UPDATE OR DELETE ON bank_unmatches
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
