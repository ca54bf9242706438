CREATE TYPE "public"."party_binding_status" AS ENUM('invited', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "programme_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reserved_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
-- Bindings made before invitations existed stay bound (their programmes may hold money already);
-- every new row starts as an invitation. docs/security.md says how to review the old ones.
ALTER TABLE "programme_parties" ADD COLUMN "status" "party_binding_status" DEFAULT 'accepted' NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_parties" ALTER COLUMN "status" SET DEFAULT 'invited';--> statement-breakpoint
ALTER TABLE "programme_parties" ADD COLUMN "invited_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_parties" ADD COLUMN "decided_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "programme_parties" ADD COLUMN "decided_by_key" uuid;--> statement-breakpoint
ALTER TABLE "programme_codes" ADD CONSTRAINT "programme_codes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_parties" ADD CONSTRAINT "programme_parties_decided_by_key_api_keys_id_fk" FOREIGN KEY ("decided_by_key") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint

-- Whose money it is stays true: a binding the organisation accepted is never changed or removed;
-- a declined invitation is accepted only after a new invitation.
CREATE FUNCTION programme_parties_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status = 'accepted' THEN
    RAISE EXCEPTION 'programme %: the % party was accepted by its organisation and is bound', OLD.programme_id, OLD.party
      USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  IF NEW.programme_id <> OLD.programme_id OR NEW.party <> OLD.party
     OR (OLD.status = 'declined' AND NEW.status = 'accepted') THEN
    RAISE EXCEPTION 'programme %: the % party cannot move from % to %', OLD.programme_id, OLD.party, OLD.status, NEW.status
      USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER programme_parties_guard BEFORE UPDATE OR DELETE ON programme_parties
  FOR EACH ROW EXECUTE FUNCTION programme_parties_guard();
--> statement-breakpoint
CREATE TRIGGER programme_codes_append_only BEFORE UPDATE OR DELETE ON programme_codes
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
