CREATE SEQUENCE "public"."event_sequence" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"write_order" bigint GENERATED ALWAYS AS IDENTITY (sequence name "events_write_order_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sequence" bigint,
	"type" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"organisation_ids" uuid[] NOT NULL,
	"payload" jsonb NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "events_sequence_unique" UNIQUE("sequence")
);
--> statement-breakpoint
CREATE INDEX "events_unpublished_idx" ON "events" USING btree ("write_order") WHERE "events"."sequence" IS NULL;--> statement-breakpoint
CREATE INDEX "events_audience_idx" ON "events" USING gin ("organisation_ids");--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "events" USING btree ("type","sequence");--> statement-breakpoint
-- An event is written once and never removed; the publisher sets its sequence, once.
CREATE FUNCTION "events_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'events are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.sequence IS NOT NULL OR NEW.sequence IS NULL
     OR (NEW.id, NEW.type, NEW.occurred_at, NEW.organisation_ids, NEW.payload, NEW.recorded_at)
        IS DISTINCT FROM (OLD.id, OLD.type, OLD.occurred_at, OLD.organisation_ids, OLD.payload, OLD.recorded_at) THEN
    RAISE EXCEPTION 'an event is written once; only its sequence is set, once'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "events_guard" BEFORE UPDATE OR DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION "events_guard"();
