-- The built-in CRM. Every table carries workspace_id and every query filters on it. Emails, tag
-- names and template names are unique per workspace without regard to case, through a lowered
-- copy (H2 has no expression indexes).
create table companies (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name         varchar(300) not null,
  domain       varchar(300),
  industry     varchar(200),
  size         varchar(50),
  custom_fields text,
  created_at   timestamp with time zone not null,
  updated_at   timestamp with time zone not null
);
create index companies_workspace on companies (workspace_id, name);

create table contacts (
  id            uuid primary key,
  workspace_id  uuid not null references workspaces (id),
  first_name    varchar(200),
  last_name     varchar(200),
  email         varchar(320) not null,
  email_lower   varchar(320) not null,
  title         varchar(300),
  phone         varchar(100),
  city          varchar(200),
  status        varchar(100),
  linkedin_url  varchar(500),
  company_id    uuid references companies (id),
  replied       boolean not null default false,
  custom_fields text,
  created_at    timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);
create unique index contacts_email on contacts (workspace_id, email_lower);
-- H2 looks up an IN list of emails (the import's duplicate check) only through an index that
-- starts with the column.
create index contacts_email_lower on contacts (email_lower);
create index contacts_created on contacts (workspace_id, created_at);
create index contacts_company on contacts (company_id);

-- Custom values again, one row per value, so search_contacts can filter on them with plain SQL
-- on both databases (the JSON copy in contacts.custom_fields is what the API returns).
create table contact_field_values (
  contact_id   uuid not null references contacts (id) on delete cascade,
  name         varchar(100) not null,
  value_text   varchar(2000),
  value_number numeric(30, 6),
  primary key (contact_id, name)
);
create index contact_field_values_name on contact_field_values (name, value_text);

create table tags (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name         varchar(100) not null,
  name_lower   varchar(100) not null,
  created_at   timestamp with time zone not null
);
create unique index tags_name on tags (workspace_id, name_lower);

create table contact_tags (
  contact_id uuid not null references contacts (id) on delete cascade,
  tag_id     uuid not null references tags (id) on delete cascade,
  primary key (contact_id, tag_id)
);
create index contact_tags_tag on contact_tags (tag_id);

create table deals (
  id            uuid primary key,
  workspace_id  uuid not null references workspaces (id),
  name          varchar(300) not null,
  deal_value    numeric(18, 2),
  stage         varchar(100),
  contact_id    uuid references contacts (id) on delete set null,
  company_id    uuid references companies (id) on delete set null,
  custom_fields text,
  created_at    timestamp with time zone not null,
  updated_at    timestamp with time zone not null
);
create index deals_workspace on deals (workspace_id, created_at);
create index deals_contact on deals (contact_id, created_at);

-- Tasks for people. kind 'handoff' marks the task whose completion resumes a waiting run.
create table tasks (
  id                  uuid primary key,
  workspace_id        uuid not null references workspaces (id),
  title               varchar(500) not null,
  due_date            date,
  assignee_id         uuid references users (id),
  contact_id          uuid references contacts (id) on delete set null,
  status              varchar(16) not null,
  kind                varchar(16) not null,
  created_by_agent_id uuid,
  execution_id        uuid,
  step                integer,
  created_at          timestamp with time zone not null,
  completed_at        timestamp with time zone
);
create index tasks_workspace on tasks (workspace_id, status, due_date);
create index tasks_execution on tasks (execution_id);

create table activities (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  contact_id   uuid not null references contacts (id) on delete cascade,
  type         varchar(40) not null,
  content      varchar(2000) not null,
  execution_id uuid,
  created_at   timestamp with time zone not null
);
create index activities_contact on activities (contact_id, created_at);

create table email_templates (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name         varchar(200) not null,
  name_lower   varchar(200) not null,
  subject      varchar(1000) not null,
  body         text not null,
  created_at   timestamp with time zone not null,
  updated_at   timestamp with time zone not null
);
create unique index email_templates_name on email_templates (workspace_id, name_lower);

create table custom_fields (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  entity       varchar(16) not null,
  name         varchar(100) not null,
  type         varchar(16) not null,
  options      text,
  created_at   timestamp with time zone not null
);
create unique index custom_fields_name on custom_fields (workspace_id, entity, name);

create table forms (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name         varchar(200) not null,
  fields       text not null,
  created_at   timestamp with time zone not null
);

create table form_submissions (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  form_id      uuid not null references forms (id) on delete cascade,
  data         text not null,
  contact_id   uuid references contacts (id) on delete set null,
  created_at   timestamp with time zone not null
);
create index form_submissions_form on form_submissions (form_id, created_at);

-- CSV imports run as jobs; their progress lives here so any node can answer for it.
create table import_jobs (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  status       varchar(16) not null,
  processed    integer not null default 0,
  imported     integer not null default 0,
  skipped      integer not null default 0,
  errors       text,
  message      varchar(1000),
  created_at   timestamp with time zone not null,
  finished_at  timestamp with time zone
);

-- Transactional outbox: written in the transaction of the change, published by a poller in id
-- order. No identity cache: PostgreSQL caches per session, which would reorder events.
create table outbox_events (
  id           bigint generated by default as identity primary key,
  workspace_id uuid not null references workspaces (id),
  type         varchar(40) not null,
  payload      text not null,
  created_at   timestamp with time zone not null,
  published_at timestamp with time zone
);
create index outbox_events_pending on outbox_events (published_at, id);
