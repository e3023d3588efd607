-- Emails each agent has claimed per UTC day. A claim takes one unit with a single conditional
-- update (used < the limit) in the claim's own transaction, so parallel runs of one agent and
-- retries can never pass maxEmailsPerDay together (a count followed by a send could).
create table email_quota (
  agent_id uuid    not null,
  sent_on  date    not null,
  used     integer not null,
  primary key (agent_id, sent_on)
);
