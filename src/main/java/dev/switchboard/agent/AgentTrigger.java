package dev.switchboard.agent;

import java.time.Instant;
import java.util.UUID;

/** A trigger with the agent it belongs to, for the modules that fire triggers. */
public record AgentTrigger(
    UUID workspaceId, UUID agentId, TriggerDefinition trigger, Instant createdAt) {}
