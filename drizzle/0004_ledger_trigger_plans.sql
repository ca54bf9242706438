-- The balance checks run inside PL/pgSQL, which caches each query's plan per connection. A plan made
-- while the ledger was nearly empty (a fresh database, before autovacuum's first ANALYZE) scanned
-- every posting of the ledger for every new entry, and pooled connections kept that plan: booking
-- grew slower with every entry (1.2 ms at first, 4.8 ms after 20,000 entries). These functions only
-- ever look up the entries a statement touched, so they are told never to scan whole tables: their
-- plans use the entry index whatever the statistics say.
ALTER FUNCTION ledger_assert_entry_balanced(bigint) SET enable_seqscan = off;
--> statement-breakpoint
ALTER FUNCTION ledger_check_inserted_postings() SET enable_seqscan = off;
--> statement-breakpoint
ALTER FUNCTION ledger_check_inserted_entries() SET enable_seqscan = off;
