-- What `canary report` computes from probe_results, in SQL: per probe instance the attempts, failures,
-- nearest-rank p50/p95/p99 and max latency; failures per error class; findings.
WITH ranked AS (
    SELECT probe, provider, latency, passed,
           ROW_NUMBER() OVER (PARTITION BY probe, provider ORDER BY latency) AS rank,
           COUNT(*) OVER (PARTITION BY probe, provider) AS n
    FROM probe_results WHERE run_id = 'bench')
SELECT probe, provider, MAX(n) AS attempts, SUM(1 - passed) AS failed,
       MIN(CASE WHEN rank * 100 >= n * 50 THEN latency END) AS p50,
       MIN(CASE WHEN rank * 100 >= n * 95 THEN latency END) AS p95,
       MIN(CASE WHEN rank * 100 >= n * 99 THEN latency END) AS p99,
       MAX(latency) AS max
FROM ranked GROUP BY probe, provider ORDER BY probe, provider;
SELECT error_class, COUNT(*) FROM probe_results WHERE run_id = 'bench' AND NOT passed GROUP BY error_class ORDER BY 2 DESC;
SELECT probe, finding FROM probe_results WHERE run_id = 'bench' AND finding IS NOT NULL ORDER BY intended_at + latency;
