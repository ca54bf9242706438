CREATE TABLE "ledger_verification_checkpoints" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"last_entry_id" bigint NOT NULL,
	"from_seq" bigint NOT NULL,
	"verified_at" timestamp (6) with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_verification_checkpoints" ADD CONSTRAINT "ledger_verification_checkpoints_seq_ledger_seals_seq_fk" FOREIGN KEY ("seq") REFERENCES "public"."ledger_seals"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Verification from a checkpoint (docs/ledger.md) trusts that nothing at or before the checkpoint's
-- seal changed since it was verified. 0001 already refuses UPDATE, DELETE and TRUNCATE on entries,
-- postings and seals and keeps accounts' identity; these guards close what it left open.

-- 1. Checkpoints are insert-only, like seals, and name a seal by its number, entry and hash.
CREATE TRIGGER ledger_verification_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_verification_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_verification_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_verification_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE FUNCTION ledger_check_checkpoint() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_seals s WHERE s.seq = NEW.seq AND s.entry_id = NEW.entry_id AND s.hash = NEW.hash) THEN
    RAISE EXCEPTION 'verification checkpoint at seal %: the entry or hash is not that seal''s', NEW.seq
      USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_verification_checkpoints_match_seal BEFORE INSERT ON ledger_verification_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ledger_check_checkpoint();
--> statement-breakpoint

-- 2. An entry's postings are written by the transaction that writes the entry (cofund writes both
--    in one statement), never later: 0001 let a later statement add balanced postings to a booked
--    entry, which changed what its seal covers. Sealing reads committed entries only, so no posting
--    can join an entry once it is sealed, whoever seals and whenever the writer's snapshot was taken.
--    Rows written by one (sub)transaction share its xmin; the seal probe is for the day xids wrap.
CREATE FUNCTION ledger_check_postings_written_with_entry() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
  v_entry bigint;
BEGIN
  SELECT batch.entry_id INTO v_entry
  FROM (SELECT i.entry_id, min(i.id) AS posting_id FROM inserted_postings i GROUP BY i.entry_id) batch
  JOIN postings p ON p.id = batch.posting_id
  JOIN journal_entries e ON e.id = batch.entry_id
  WHERE NOT (e.xmin = p.xmin) OR EXISTS (SELECT 1 FROM ledger_seals s WHERE s.entry_id = batch.entry_id)
  LIMIT 1;
  IF v_entry IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % is already booked: postings are written with their entry, never added later', v_entry
      USING ERRCODE = 'P0001', HINT = 'cofund:append-only';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Named to fire after postings_balanced (same event, alphabetical order), whose messages say more.
CREATE TRIGGER postings_written_with_entry AFTER INSERT ON postings
  REFERENCING NEW TABLE AS inserted_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_postings_written_with_entry();
--> statement-breakpoint

-- 3. Every entry is sealed or queued for sealing: the statement that books an entry queues it, and
--    a queue row leaves only once its seal exists. An entry outside the chain ("unaccounted") then
--    takes the guards switched off, which the whole-chain verification is for.
CREATE FUNCTION ledger_check_entries_queued() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
  v_entry bigint;
BEGIN
  SELECT e.id INTO v_entry FROM inserted_entries e
    WHERE NOT EXISTS (SELECT 1 FROM ledger_unsealed u WHERE u.entry_id = e.id) LIMIT 1;
  IF v_entry IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % is not queued for sealing: book it with its ledger_unsealed row, in one statement', v_entry
      USING ERRCODE = 'P0001', HINT = 'cofund:unsealed';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- After journal_entries_have_postings (alphabetical), which names an entry without postings first.
CREATE TRIGGER journal_entries_queued_for_sealing AFTER INSERT ON journal_entries
  REFERENCING NEW TABLE AS inserted_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_entries_queued();
--> statement-breakpoint
CREATE FUNCTION ledger_check_unqueued() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
  v_entry bigint;
BEGIN
  SELECT r.entry_id INTO v_entry FROM unqueued r
    WHERE NOT EXISTS (SELECT 1 FROM ledger_seals s WHERE s.entry_id = r.entry_id) LIMIT 1;
  IF v_entry IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % cannot leave the sealing queue: it is not sealed', v_entry
      USING ERRCODE = 'P0001', HINT = 'cofund:unsealed';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_unsealed_leaves_once_sealed AFTER DELETE ON ledger_unsealed
  REFERENCING OLD TABLE AS unqueued
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_unqueued();
--> statement-breakpoint
CREATE TRIGGER ledger_unsealed_no_update BEFORE UPDATE ON ledger_unsealed
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_unsealed_no_truncate BEFORE TRUNCATE ON ledger_unsealed
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
