package dev.switchboard.agent;

import java.util.UUID;

/** An agent's triggers were set; published in the transaction that set them. */
public record TriggersChanged(UUID workspaceId, UUID agentId) {}
