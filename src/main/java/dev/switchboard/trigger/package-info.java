/**
 * Triggers that start runs without a person: schedules (a slot ledger and a ticker), CRM events (a
 * consumer of the CRM's outbox) and webhooks (secret URLs). Every run they start goes through the
 * engine's one admission entry; this module never writes a run itself.
 */
package dev.switchboard.trigger;
