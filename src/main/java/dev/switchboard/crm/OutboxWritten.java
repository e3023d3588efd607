package dev.switchboard.crm;

/** Rows were added to the outbox in the current transaction; heard once it commits. */
record OutboxWritten() {}
