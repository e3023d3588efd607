package dev.switchboard.workorder;

import java.util.UUID;

/**
 * A work order changed status; published after the commit and fanned out as {@code
 * work-order:updated} on {@code work-order:{id}} and {@code workspace:{ws}}.
 */
public record WorkOrderUpdated(
    UUID workspaceId,
    UUID workOrderId,
    WorkOrderStatus status,
    Integer runNumber,
    UUID executionId) {}
