-- An agent's triggers, in the order the agent lists them; definition is the trigger's JSON.
create table agent_triggers (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  agent_id     uuid not null references agents (id),
  position     integer not null,
  type         varchar(16) not null,
  definition   text not null,
  created_at   timestamp with time zone not null
);
create index agent_triggers_agent on agent_triggers (agent_id, position);
create index agent_triggers_type on agent_triggers (type);

-- A webhook's secret: looked up by its SHA-256, kept sealed (AES-GCM) so GET can show the URL.
create table webhook_secrets (
  trigger_id    uuid primary key references agent_triggers (id) on delete cascade,
  secret_hash   varchar(64) not null unique,
  secret_sealed text not null,
  issued_at     timestamp with time zone not null
);

-- The slot ledger: one row per (schedule trigger, slot time). The primary key is what makes a
-- slot fire once across every node sharing the database.
create table schedule_slots (
  trigger_id   uuid not null references agent_triggers (id) on delete cascade,
  slot_at      timestamp with time zone not null,
  workspace_id uuid not null references workspaces (id),
  agent_id     uuid not null references agents (id),
  outcome      varchar(16) not null,
  reason       varchar(300),
  execution_id uuid,
  recorded_at  timestamp with time zone not null,
  primary key (trigger_id, slot_at)
);
create index schedule_slots_agent on schedule_slots (agent_id, slot_at desc);

-- Consecutive failed scheduled runs of an agent; the owners hear of the third, once per streak.
create table schedule_streaks (
  agent_id uuid primary key references agents (id),
  failures integer not null
);

-- What each CRM event did for each agent with a matching trigger. The primary key makes an event
-- start at most one run per agent, however often the outbox delivers it.
create table event_outcomes (
  event_id     bigint not null,
  agent_id     uuid not null references agents (id),
  workspace_id uuid not null references workspaces (id),
  event_type   varchar(40) not null,
  event_at     timestamp with time zone not null,
  outcome      varchar(16) not null,
  execution_id uuid,
  detail       text,
  primary key (event_id, agent_id)
);
create index event_outcomes_workspace on event_outcomes (workspace_id, event_id desc);
