package dev.switchboard.workspace;

import java.util.UUID;

/**
 * Published after a user's membership of a workspace ended or changed, so whatever was granted
 * through it (open WebSocket subscriptions above all) is checked again.
 */
public record MembershipChanged(UUID workspaceId, UUID userId) {}
