-- Per-workspace connections to outside services (SMTP, web search, LinkedIn, enrichment).
-- Non-secret settings are plain JSON; the secrets (password, API key, access token) are one
-- AES-GCM ciphertext with its own random IV, bound to the workspace and kind, never in clear.
create table integrations (
  workspace_id uuid not null references workspaces (id),
  kind         varchar(16) not null,
  settings     text not null,
  secrets      text,
  updated_by   uuid not null references users (id),
  updated_at   timestamp with time zone not null,
  primary key (workspace_id, kind)
);

-- One row per email an action means to send, claimed (committed) before the send and marked
-- sent after it: the unique constraint makes sure a run resumed after a crash never sends the
-- same step's email to the same contact twice. Rows also count the agent's emails of the day.
-- No foreign key to executions: the row must outlive nothing and block nothing.
create table sent_emails (
  execution_id uuid not null,
  step         integer not null,
  contact_key  varchar(320) not null,
  workspace_id uuid not null references workspaces (id),
  agent_id     uuid not null,
  user_id      uuid,
  recipient    varchar(320) not null,
  status       varchar(8) not null,
  claimed_at   timestamp with time zone not null,
  sent_at      timestamp with time zone,
  constraint sent_emails_once unique (execution_id, step, contact_key)
);
create index sent_emails_agent_day on sent_emails (agent_id, claimed_at);

-- The same ledger for LinkedIn invitations; the daily limit is per workspace user (the agent's
-- creator), as LinkedIn counts invitations per account.
create table linkedin_invitations (
  execution_id uuid not null,
  step         integer not null,
  contact_key  varchar(320) not null,
  workspace_id uuid not null references workspaces (id),
  agent_id     uuid not null,
  user_id      uuid,
  recipient    varchar(1000) not null,
  status       varchar(8) not null,
  claimed_at   timestamp with time zone not null,
  sent_at      timestamp with time zone,
  constraint linkedin_invitations_once unique (execution_id, step, contact_key)
);
create index linkedin_invitations_user_day on linkedin_invitations (workspace_id, user_id, claimed_at);
