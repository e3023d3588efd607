package dev.switchboard.workspace;

import java.util.UUID;

/**
 * Published when a workspace is created; {@code firstStart} marks the one made on an empty
 * database.
 */
public record WorkspaceCreated(UUID workspaceId, UUID ownerId, boolean firstStart) {}
