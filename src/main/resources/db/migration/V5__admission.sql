-- Why a skipped run did not run ("Skipped: Agent paused"), shown in history.
alter table executions add column reason varchar(1000);
-- A queued run that may not start before not_before, and why: throttled (the agent's rate per
-- minute) or not_before (a backoff). Claims skip it until then.
alter table executions add column not_before timestamp with time zone;
alter table executions add column hold_reason varchar(16);
