package dev.switchboard.workorder;

import java.util.Map;
import java.util.UUID;

/** The body of {@code POST /work-orders} and {@code POST /work-orders/create-and-start}. */
public record WorkOrderRequest(
    String title, String prompt, UUID agentId, Map<String, Object> metadata) {}
