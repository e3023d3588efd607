package dev.switchboard.workspace;

import java.util.UUID;

/** A user of a workspace as other modules see them (assignees, notification targets). */
public record Member(UUID userId, String email, String name, Role role) {}
