-- Failed sign-ins of the last minutes, for throttling per email and per address on every node.
create table login_failures (
  email     varchar(320) not null,
  address   varchar(64)  not null,
  failed_at timestamp with time zone not null
);
create index login_failures_email on login_failures (email, failed_at);
create index login_failures_address on login_failures (address, failed_at);
create index login_failures_time on login_failures (failed_at);
