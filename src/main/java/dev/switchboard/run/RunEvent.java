package dev.switchboard.run;

import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to a run, published after the change was committed; the live module fans
 * it out to the topics {@code workspace:{ws}:agent:{agentId}}, {@code execution:{id}}, {@code
 * workspace:{ws}} and {@code work-order:{id}}.
 *
 * @param event one of the SPEC's names, e.g. {@code execution:started}
 */
public record RunEvent(
    UUID workspaceId,
    UUID agentId,
    UUID executionId,
    UUID workOrderId,
    String event,
    Map<String, Object> data) {}
