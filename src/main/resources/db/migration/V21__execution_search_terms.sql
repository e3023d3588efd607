-- What history search finds by index at any age: the e-mail addresses, tags, template names and
-- contact names a run's trigger context and steps hold, lower-cased, written as the run is
-- admitted and as it leaves running (run/SearchTerms). A search for "john@acme.com" is a lookup
-- here, not a scan of every run's steps; substring search still covers the newest runs.
create table execution_search_terms (
  execution_id uuid not null references executions (id),
  workspace_id uuid not null,
  term         varchar(200) not null,
  created_at   timestamp with time zone not null,
  primary key (execution_id, term)
);
create index execution_search_terms_lookup
  on execution_search_terms (workspace_id, term, created_at desc);
