-- The retention purge tells every module which runs it deletes (run/ExecutionsPurged); these let
-- each find its rows about them by index, a batch at a time, instead of scanning its table.
create index activities_execution on activities (execution_id);
create index caught_emails_execution on caught_emails (execution_id);
create index chat_messages_execution on chat_messages (execution_id);
create index command_processes_execution on command_processes (execution_id);
create index event_outcomes_execution on event_outcomes (execution_id);
create index schedule_slots_execution on schedule_slots (execution_id);
create index work_orders_active_run on work_orders (active_run_id);
