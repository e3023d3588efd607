-- The claim and the queue's estimates read the queued heads (one per agent at most) in order.
-- executions_claim (status, created_at) walks every queued run to find them, the ones waiting
-- behind their agent's head too: H2 took 50 ms a claim with 100,000 runs behind one agent. With
-- this index and a range on head_agent_id (run/ExecutionStore.ANY_HEAD) the read is of the heads
-- only, 0.2 ms; PostgreSQL already read them through the unique head_agent_id index.
create index executions_queued_heads on executions (status, head_agent_id);
