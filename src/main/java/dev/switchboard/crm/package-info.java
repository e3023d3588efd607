/**
 * The built-in CRM: contacts (with tags and custom fields), companies, deals, tasks, activities,
 * email templates, custom field definitions and forms, all scoped by workspace, with their REST API
 * under {@code /api/workspaces/{ws}/…}. It knows no engine: the CRM actions of workflow plans
 * (search_contacts, add_tag, remove_tag, update_field, create_task, handoff) live in {@code
 * crm.actions}, and a completed handoff task only publishes {@link
 * dev.switchboard.crm.HandoffTaskDone}.
 *
 * <p>Its public face: {@link dev.switchboard.crm.Crm} (the port the integration actions use),
 * {@link dev.switchboard.crm.CrmEventBatch} of {@link dev.switchboard.crm.CrmEvent}s (published
 * from the transactional outbox, a batch at a time), {@link dev.switchboard.crm.HandoffTaskDone},
 * and the stores and records the actions work through (contacts, tags, tasks, custom fields,
 * deals).
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>CSV import always runs as a job; {@code POST contacts/import} waits up to five seconds, so
 *       small files answer 200 with the result and large ones 202 with a job id to poll at {@code
 *       GET contacts/import/{jobId}}. Row numbers in errors count the header as row 1.
 *   <li>A task an agent makes without an assignee goes to the agent's creator while they are a
 *       member, else to the workspace's first owner.
 *   <li>Custom values are stored twice: as JSON on the row (what the API returns) and, for
 *       contacts, one row per value in {@code contact_field_values}, which search_contacts filters
 *       on with plain, portable SQL.
 *   <li>Events go through {@code outbox_events} in the writing transaction; only the API writes,
 *       imports, form submissions and enrichment emit them, not update_field or tag actions, so an
 *       agent cannot trigger itself in a loop through its own edits.
 * </ul>
 */
package dev.switchboard.crm;
