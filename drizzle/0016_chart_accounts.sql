CREATE TYPE "public"."chart_role" AS ENUM('pool', 'source', 'fx', 'share', 'disbursed', 'bank-charges', 'bank-interest');--> statement-breakpoint
CREATE TABLE "chart_accounts" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"application_id" uuid,
	"owner_organisation_id" uuid,
	"party" text,
	"role" chart_role NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_owner_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_programme_id_programmes_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_application_id_applications_id_fk";
--> statement-breakpoint
DROP INDEX "ledger_accounts_application_idx";--> statement-breakpoint
DROP INDEX "ledger_accounts_programme_idx";--> statement-breakpoint
DROP INDEX "ledger_accounts_owner_idx";--> statement-breakpoint
ALTER TABLE "chart_accounts" ADD CONSTRAINT "chart_accounts_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_accounts" ADD CONSTRAINT "chart_accounts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_accounts" ADD CONSTRAINT "chart_accounts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_accounts" ADD CONSTRAINT "chart_accounts_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chart_accounts_programme_idx" ON "chart_accounts" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "chart_accounts_application_idx" ON "chart_accounts" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "chart_accounts_owner_idx" ON "chart_accounts" USING btree ("owner_organisation_id");--> statement-breakpoint
-- Ownership moves from the ledger's accounts to the chart of accounts. Each account of the chart is
-- recognised by rebuilding the codes the workflow gives its accounts (src/workflow/chart.ts) from
-- the programme's parties -- bound, applicant, or named by a filed plan -- and comparing them with
-- the account's code, never by cutting a code apart.
WITH parties AS (
  SELECT programme_id, party FROM programme_parties
  UNION SELECT programme_id, applicant_party FROM applications
  UNION SELECT app.programme_id, share->>'party' FROM applications app, jsonb_array_elements(app.plan->'shares') share
)
INSERT INTO chart_accounts (account_id, programme_id, application_id, owner_organisation_id, party, role)
SELECT a.id, a.programme_id, a.application_id, a.owner_organisation_id, found.party, found.role
FROM ledger_accounts a
JOIN programmes p ON p.id = a.programme_id
CROSS JOIN LATERAL (
  SELECT n.party, kind.role
  FROM parties n, (VALUES ('pool'::chart_role, ':pool'), ('source'::chart_role, ':source:' || a.currency)) kind (role, tail)
  WHERE n.programme_id = p.id AND a.application_id IS NULL
    AND a.code = 'programme:' || p.code || ':' || n.party || kind.tail
  UNION ALL
  SELECT n.party, kind.role
  FROM parties n, (VALUES ('share'::chart_role, ':share'), ('disbursed'::chart_role, ':disbursed')) kind (role, tail)
  WHERE n.programme_id = p.id
    AND a.code = 'application:' || a.application_id::text || ':' || n.party || kind.tail
  UNION ALL
  SELECT NULL, kind.role
  FROM (VALUES ('fx'::chart_role), ('bank-charges'::chart_role), ('bank-interest'::chart_role)) kind (role)
  WHERE a.application_id IS NULL AND a.code = 'programme:' || p.code || ':' || kind.role::text || ':' || a.currency
  LIMIT 1
) found;
--> statement-breakpoint
-- No owner is dropped silently: an account that had one and is not recognised stops the migration.
DO $$
DECLARE
  stray text;
BEGIN
  SELECT a.code INTO stray FROM ledger_accounts a
  WHERE (a.programme_id IS NOT NULL OR a.application_id IS NOT NULL OR a.owner_organisation_id IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM chart_accounts c WHERE c.account_id = a.id)
  LIMIT 1;
  IF stray IS NOT NULL THEN
    RAISE EXCEPTION 'ledger account % has an owner but is no account of the chart', stray;
  END IF;
END
$$;
--> statement-breakpoint
-- The ledger's guard no longer names the ownership columns (it keeps every other identity column).
DROP TRIGGER ledger_accounts_guard ON ledger_accounts;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (
    NEW.id <> OLD.id OR NEW.code <> OLD.code OR NEW.type <> OLD.type OR NEW.normal_side <> OLD.normal_side
    OR NEW.currency <> OLD.currency OR NEW.minor_units <> OLD.minor_units OR NEW.created_at <> OLD.created_at
    OR NEW.version < OLD.version)
  EXECUTE FUNCTION ledger_guard_account();
--> statement-breakpoint
-- Whom an account serves was immutable on the ledger account; it stays so in the chart.
CREATE FUNCTION chart_accounts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'chart account %: whom a ledger account serves never changes', OLD.account_id
    USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER chart_accounts_immutable BEFORE UPDATE OR DELETE ON chart_accounts
  FOR EACH ROW EXECUTE FUNCTION chart_accounts_refuse_change();
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP COLUMN "owner_organisation_id";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP COLUMN "programme_id";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP COLUMN "application_id";