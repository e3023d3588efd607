-- How long a workspace keeps finished runs (30 or 365 days); older ones are purged daily.
alter table workspaces add column retention_days integer not null default 30;
