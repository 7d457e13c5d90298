-- Lock an audit chain and read its head in one round trip. A VOLATILE function takes a fresh
-- snapshot for each statement, so the SELECT runs after the lock is granted and sees the row the
-- previous holder committed (one statement doing both would read from before the wait).
CREATE FUNCTION "audit_chain_head"(chain_key text, chain_workspace text) RETURNS text
  LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(chain_key));
  IF chain_workspace IS NULL THEN
    SELECT "hash" INTO head FROM "audit_log" WHERE "workspace_id" IS NULL ORDER BY "seq" DESC LIMIT 1;
  ELSE
    SELECT "hash" INTO head FROM "audit_log" WHERE "workspace_id" = chain_workspace ORDER BY "seq" DESC LIMIT 1;
  END IF;
  RETURN head;
END;
$$;
