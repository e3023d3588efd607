package dev.switchboard.workspace;

import java.util.UUID;

/** The signed-in user behind a request, resolved from a bearer token or the UI session. */
public record Caller(UUID userId, String email, String name) {}
