CREATE TABLE "deadline_notices" (
	"application_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"kind" text NOT NULL,
	"step" text NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "deadline_notices_application_id_rule_kind_step_pk" PRIMARY KEY("application_id","rule","kind","step")
);
--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "approval_reminder_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "deadline_notices" ADD CONSTRAINT "deadline_notices_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_approval_reminder_days_check" CHECK ("programmes"."approval_reminder_days" BETWEEN 1 AND 365);