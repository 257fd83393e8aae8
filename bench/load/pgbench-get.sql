-- The store's GetAsync statement alone, for pgbench: what PostgreSQL costs without HTTP or .NET.
-- run.sh passes -D id='<uuid>' -D tenant='<tenant>' (quotes included; simple protocol substitutes text).
SELECT id, tenant_id, request_json, request_id, status, submit_time, scheduled_time, end_time, progress,
       actual_prompt, error_code, error_message, result_key, usage_json, attempts, lease_token, lease_owner,
       lease_expires_at, idempotency_key
FROM tasks WHERE id = :id::uuid AND tenant_id = :tenant;
