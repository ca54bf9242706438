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
--    conversion when it spans currencies. Checked by statement-level triggers at the end of every
--    statement that inserts entries or postings: an entry and its postings are written by one
--    statement (cofund books them with one), so an entry left without postings or an unbalanced set
--    is refused. Postings added to an existing entry later must keep it balanced, and change what
--    its seal covers, which verify reports.
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
-- One set-based query for all the entries a statement touched (the usual case is one entry).
CREATE FUNCTION ledger_check_inserted_postings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_entry bigint;
BEGIN
  SELECT per_entry.entry_id INTO v_entry
  FROM (
    SELECT per_currency.entry_id, sum(per_currency.n) AS postings, count(*) AS currencies, bool_and(per_currency.net = 0) AS balanced
    FROM (
      SELECT p.entry_id, p.currency, count(*) AS n, sum(CASE WHEN p.side = 'debit' THEN p.amount ELSE -p.amount END) AS net
      FROM postings p
      WHERE p.entry_id IN (SELECT DISTINCT entry_id FROM inserted_postings)
      GROUP BY p.entry_id, p.currency
    ) per_currency
    GROUP BY per_currency.entry_id
  ) per_entry
  JOIN journal_entries e ON e.id = per_entry.entry_id
  WHERE per_entry.postings < 2 OR NOT per_entry.balanced
     OR (per_entry.currencies > 1 AND (e.fx IS NULL OR jsonb_typeof(e.fx) <> 'array' OR jsonb_array_length(e.fx) = 0))
  LIMIT 1;
  IF v_entry IS NOT NULL THEN
    -- Name the precise problem.
    PERFORM ledger_assert_entry_balanced(v_entry);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER postings_balanced AFTER INSERT ON postings
  REFERENCING NEW TABLE AS inserted_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_inserted_postings();
--> statement-breakpoint
-- Entries whose postings were inserted were checked above; this catches the ones without any.
CREATE FUNCTION ledger_check_inserted_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_entry bigint;
BEGIN
  SELECT e.id INTO v_entry FROM inserted_entries e
    WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id) LIMIT 1;
  IF v_entry IS NOT NULL THEN
    PERFORM ledger_assert_entry_balanced(v_entry);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_have_postings AFTER INSERT ON journal_entries
  REFERENCING NEW TABLE AS inserted_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_inserted_entries();
--> statement-breakpoint
CREATE UNIQUE INDEX postings_account_version_key ON postings (account_id, account_version) INCLUDE (created_at, balance_after);
--> statement-breakpoint

-- 3. (Sealing) Entries are queued for the hash chain by the statement that books them; verify
--    reports any entry that is neither sealed nor queued.

-- 4. An account's identity never changes and accounts are never deleted; only balance, held,
--    version (and the limit, name and metadata, by an explicit administrative change) move.
CREATE FUNCTION ledger_guard_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ledger accounts are never deleted' USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  RAISE EXCEPTION 'ledger account %: identity is immutable and the version only grows', OLD.code
    USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
END
$$;
--> statement-breakpoint
-- The WHEN clause keeps the ordinary balance update (every posting) free of any function call.
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (
    NEW.id <> OLD.id OR NEW.code <> OLD.code OR NEW.type <> OLD.type OR NEW.normal_side <> OLD.normal_side
    OR NEW.currency <> OLD.currency OR NEW.minor_units <> OLD.minor_units OR NEW.created_at <> OLD.created_at
    OR NEW.owner_organisation_id IS DISTINCT FROM OLD.owner_organisation_id
    OR NEW.programme_id IS DISTINCT FROM OLD.programme_id
    OR NEW.application_id IS DISTINCT FROM OLD.application_id
    OR NEW.version < OLD.version)
  EXECUTE FUNCTION ledger_guard_account();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
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
