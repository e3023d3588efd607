package dev.switchboard.notification;

import java.util.UUID;

/** Published when a member is notified, so open pages can ring the bell. */
public record NotificationCreated(
    UUID workspaceId, UUID userId, UUID notificationId, String kind, String message, String link) {}
