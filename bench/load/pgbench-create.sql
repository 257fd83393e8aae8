-- The store's create INSERT alone, for pgbench: one autocommitted row (a WAL flush per commit).
INSERT INTO tasks (id, tenant_id, request_json, request_id, status, submit_time, progress, attempts,
                   idempotency_key, request_hash, model_name)
VALUES (gen_random_uuid(), 't_bench', '{"model":"wan2.7-videoedit","prompt":"make it black and white","videoUrl":"http://127.0.0.1:9/clip.mp4","referenceImageUrls":[],"resolution":"720P","audioSetting":"auto","promptExtend":false,"watermark":false,"dialect":"dashScope","duration":0}',
        gen_random_uuid()::text, 'PENDING', now(), 0, 0, NULL, NULL, 'wan2.7-videoedit')
ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING;
