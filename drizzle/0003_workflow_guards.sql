-- What was decided and who decided it is never rewritten (ledger_refuse_change comes from 0001).
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER application_approvals_append_only BEFORE UPDATE OR DELETE ON application_approvals
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER tranche_approvals_append_only BEFORE UPDATE OR DELETE ON tranche_approvals
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER contributions_append_only BEFORE UPDATE OR DELETE ON contributions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER application_reservations_append_only BEFORE UPDATE OR DELETE ON application_reservations
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER idempotent_requests_append_only BEFORE UPDATE OR DELETE ON idempotent_requests
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint

-- An application's filing is immutable: what was asked, by whom, and the plan the rules gave
-- (with the rule version and file hash that produced it). Only its status moves.
CREATE FUNCTION application_refuse_refiling() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'application %: the filing and its plan are immutable', OLD.id
    USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER applications_filing_immutable BEFORE UPDATE ON applications
  FOR EACH ROW WHEN (
    NEW.id <> OLD.id OR NEW.programme_id <> OLD.programme_id OR NEW.applicant_id <> OLD.applicant_id
    OR NEW.applicant_party <> OLD.applicant_party OR NEW.fields <> OLD.fields OR NEW.plan <> OLD.plan
    OR NEW.rule_version <> OLD.rule_version OR NEW.rule_hash <> OLD.rule_hash OR NEW.total <> OLD.total
    OR NEW.currency <> OLD.currency OR NEW.filed_at <> OLD.filed_at OR NEW.title <> OLD.title)
  EXECUTE FUNCTION application_refuse_refiling();
--> statement-breakpoint
CREATE TRIGGER applications_never_deleted BEFORE DELETE ON applications
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
