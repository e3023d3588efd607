-- How often an event came again for an agent that already had its outcome: each such delivery
-- started nothing and is reported as "deduplicated".
alter table event_outcomes add column redeliveries integer default 0 not null;
