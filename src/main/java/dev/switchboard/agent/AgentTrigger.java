package dev.switchboard.agent;

import java.time.Instant;
import java.util.UUID;

/**
 * A trigger with the agent it belongs to, for the modules that fire triggers.
 *
 * @param definedAt when the trigger got its current definition: created, or last changed by an edit
 */
public record AgentTrigger(
    UUID workspaceId, UUID agentId, TriggerDefinition trigger, Instant definedAt) {}
