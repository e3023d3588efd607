-- Instance administrators decide who may define command agents and create workspaces; the first
-- owner is one. Stored, so the role survives a restart and a change of SWITCHBOARD_ADMIN_EMAIL.
alter table users add column instance_admin boolean not null default false;

-- The process group of each command that is running, so a node that starts on the same machine
-- can kill the groups a dead node left behind before their runs are taken over. machine names the
-- kernel boot and pid namespace the pids belong to; start times (clock ticks since boot, from
-- /proc/<pid>/stat) tell a recycled pid from the recorded process.
create table command_processes (
  id             uuid primary key,
  execution_id   uuid not null,
  machine        varchar(120) not null,
  server_pid     bigint not null,
  server_started bigint not null,
  pgid           bigint not null,
  started        bigint not null,
  created_at     timestamp with time zone not null
);
create index command_processes_machine on command_processes (machine);
