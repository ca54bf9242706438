-- Guards the database enforces whatever the application code does (see docs/ledger.md).

-- 1. Append-only books: entries, postings and seals are never updated, deleted or truncated.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger is append-only: % on % refused (post a reversing entry instead)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_seals_append_only BEFORE UPDATE OR DELETE ON ledger_seals
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_seals_no_truncate BEFORE TRUNCATE ON ledger_seals
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint

-- 2. Every entry balances per currency, has at least two postings, and carries an explicit FX
--    conversion when it spans currencies. Checked at commit (deferred), once for the entry and once
--    per posting, so neither an entry without postings nor a posting added later can slip through.
CREATE FUNCTION ledger_assert_entry_balanced(p_entry bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_postings bigint;
  v_currencies bigint;
  v_balanced boolean;
  v_fx jsonb;
BEGIN
  SELECT coalesce(sum(n), 0), count(*), coalesce(bool_and(net = 0), true)
    INTO v_postings, v_currencies, v_balanced
    FROM (SELECT count(*) AS n, sum(CASE WHEN side = 'debit' THEN amount ELSE -amount END) AS net
            FROM postings WHERE entry_id = p_entry GROUP BY currency) per_currency;
  IF v_postings < 2 THEN
    RAISE EXCEPTION 'journal entry % has % posting(s); an entry needs at least two', p_entry, v_postings
      USING ERRCODE = 'P0001', HINT = 'cofund:unbalanced';
  END IF;
  IF NOT v_balanced THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits and credits differ in some currency', p_entry
      USING ERRCODE = 'P0001', HINT = 'cofund:unbalanced';
  END IF;
  IF v_currencies > 1 THEN
    SELECT fx INTO v_fx FROM journal_entries WHERE id = p_entry;
    IF v_fx IS NULL OR jsonb_typeof(v_fx) <> 'array' OR jsonb_array_length(v_fx) = 0 THEN
      RAISE EXCEPTION 'journal entry % spans % currencies without an explicit FX conversion', p_entry, v_currencies
        USING ERRCODE = 'P0001', HINT = 'cofund:unbalanced';
    END IF;
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION ledger_check_entry_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Two branches, not a CASE: PL/pgSQL resolves NEW's fields per statement, and each table has only one of them.
  IF TG_TABLE_NAME = 'postings' THEN
    PERFORM ledger_assert_entry_balanced(NEW.entry_id);
  ELSE
    PERFORM ledger_assert_entry_balanced(NEW.id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_trigger();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_trigger();
--> statement-breakpoint

-- 3. Every committed entry is queued for sealing into the hash chain.
CREATE FUNCTION ledger_queue_for_sealing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_unsealed (entry_id) VALUES (NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_queue_seal AFTER INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_queue_for_sealing();
--> statement-breakpoint

-- 4. An account's identity never changes and accounts are never deleted; only balance, held,
--    version (and the limit, name and metadata, by an explicit administrative change) move.
CREATE FUNCTION ledger_guard_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ledger accounts are never deleted' USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  IF NEW.id <> OLD.id OR NEW.code <> OLD.code OR NEW.type <> OLD.type OR NEW.normal_side <> OLD.normal_side
     OR NEW.currency <> OLD.currency OR NEW.minor_units <> OLD.minor_units OR NEW.created_at <> OLD.created_at
     OR NEW.owner_organisation_id IS DISTINCT FROM OLD.owner_organisation_id
     OR NEW.programme_id IS DISTINCT FROM OLD.programme_id
     OR NEW.application_id IS DISTINCT FROM OLD.application_id THEN
    RAISE EXCEPTION 'ledger account % identity is immutable', OLD.code USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  IF NEW.version < OLD.version THEN
    RAISE EXCEPTION 'ledger account % version cannot go back', OLD.code USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_guard_account();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint

-- 5. Holds are a state machine: pending -> posted | voided | expired, resolved once; what a hold
--    reserves never changes and what it captured only grows.
CREATE FUNCTION ledger_guard_hold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'holds are never deleted' USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'hold % is already %; it cannot change again', OLD.id, OLD.status
      USING ERRCODE = 'P0001', HINT = 'cofund:hold-resolved';
  END IF;
  IF NEW.id <> OLD.id OR NEW.account_id <> OLD.account_id OR NEW.counter_account_id <> OLD.counter_account_id
     OR NEW.currency <> OLD.currency OR NEW.minor_units <> OLD.minor_units OR NEW.amount <> OLD.amount
     OR NEW.idempotency_key <> OLD.idempotency_key OR NEW.request_hash <> OLD.request_hash
     OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'hold % terms are immutable', OLD.id USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  IF NEW.captured < OLD.captured THEN
    RAISE EXCEPTION 'hold % captured amount cannot decrease', OLD.id USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  IF (NEW.status = 'pending') <> (NEW.resolved_at IS NULL) THEN
    RAISE EXCEPTION 'hold % resolution time must be set exactly when it is resolved', OLD.id
      USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_holds_guard BEFORE UPDATE OR DELETE ON ledger_holds
  FOR EACH ROW EXECUTE FUNCTION ledger_guard_hold();
--> statement-breakpoint
CREATE TRIGGER ledger_holds_no_truncate BEFORE TRUNCATE ON ledger_holds
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
