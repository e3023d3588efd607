-- Admission counts an agent's recent runs by created_at OR not_before (run/ExecutionStore.recentRuns,
-- on every trigger). executions_agent serves only the created_at arm, so PostgreSQL read every run
-- of the agent (50,000 heap pages, ~0.9 s with 1M runs stored); with this index both arms are index
-- ranges (a BitmapOr).
create index executions_agent_not_before on executions (agent_id, not_before);
