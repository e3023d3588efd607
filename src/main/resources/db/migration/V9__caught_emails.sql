-- Emails "sent" through an email integration of provider "outbox": kept here instead of leaving
-- over SMTP, and shown on the workspace's Outbox page, like a local mail catcher. The demo
-- workspace uses it so its agents work before anyone connects a mail server.
create table caught_emails (
  id           uuid primary key,
  workspace_id uuid not null references workspaces (id),
  execution_id uuid,
  sender       varchar(320) not null,
  recipient    varchar(320) not null,
  subject      varchar(998) not null,
  body         text not null,
  caught_at    timestamp with time zone not null
);
create index caught_emails_workspace on caught_emails (workspace_id, caught_at desc);
