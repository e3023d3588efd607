/**
 * The CRM's actions in workflow plans (search_contacts, add_tag, remove_tag, update_field,
 * create_task, handoff), and the resume of a run when its handoff task is done: the one place the
 * CRM meets the engine.
 */
package dev.switchboard.crm.actions;
