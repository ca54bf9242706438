-- A money-moving request's first statement: queue behind any request with the same key, then read
-- the answer it remembered. Two statements in one round trip: in a VOLATILE function each takes its
-- own snapshot, so the read (after the lock) sees an answer that committed while this one waited.
-- (One plain statement could not: its snapshot would predate the wait.)
CREATE FUNCTION idempotent_request_claim(claim_principal text, claim_key text)
RETURNS TABLE (earlier_hash text, earlier_status integer, earlier_body jsonb)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(claim_principal || ':' || claim_key, 0));
  RETURN QUERY
    SELECT r.request_hash, r.response_status, r.response_body FROM idempotent_requests r
    WHERE r.principal = claim_principal AND r.key = claim_key;
END
$$;
