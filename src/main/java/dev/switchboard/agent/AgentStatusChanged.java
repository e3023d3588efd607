package dev.switchboard.agent;

import java.util.UUID;

/**
 * Published in the transaction that changed an agent's status; {@code by} is who or what did it.
 */
public record AgentStatusChanged(
    UUID workspaceId, UUID agentId, AgentStatus from, AgentStatus to, String by) {}
