-- Dashboards read these instead of the executions: one row per agent and UTC day (of the run's
-- creation), added up from finished runs by run/DailyTotals. They outlive retention.
create table daily_totals (
  workspace_id  uuid not null references workspaces (id),
  agent_id      uuid not null,
  run_day       date not null,
  total         bigint not null default 0,
  completed     bigint not null default 0,
  failed        bigint not null default 0,
  canceled      bigint not null default 0,
  timed         bigint not null default 0,
  duration_ms   bigint not null default 0,
  under_30s     bigint not null default 0,
  contacts      bigint not null default 0,
  emails        bigint not null default 0,
  tasks         bigint not null default 0,
  invitations   bigint not null default 0,
  primary key (workspace_id, agent_id, run_day)
);

-- A finished run is added to daily_totals once, then marked here (retention purges only marked
-- runs, so no run leaves before it is counted).
alter table executions add column totals_folded boolean not null default false;
create index executions_unfolded on executions (totals_folded, finished_at);

-- Cluster-wide housekeeping jobs: a node runs one only while it holds its row's lease, so two
-- nodes never fold or purge at the same time; done_at says when the job last completed.
create table housekeeping_jobs (
  name        varchar(40) primary key,
  lease_owner varchar(100),
  lease_until timestamp with time zone,
  done_at     timestamp with time zone
);
insert into housekeeping_jobs (name) values ('retention');
