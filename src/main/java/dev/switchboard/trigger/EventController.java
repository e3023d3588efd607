package dev.switchboard.trigger;

import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/workspaces/{ws}/events?agentId=&limit=}: recent events, each agent's outcome; an
 * agent the event reached again after its outcome also gets a {@code deduplicated} one, naming the
 * run the first delivery made.
 */
@RestController
class EventController {

  private final EventOutcomes outcomes;
  private final Agents agents;
  private final WorkspaceAccess access;

  EventController(EventOutcomes outcomes, Agents agents, WorkspaceAccess access) {
    this.outcomes = outcomes;
    this.agents = agents;
    this.access = access;
  }

  record Event(long eventId, String type, Instant at, List<AgentOutcome> outcomes) {}

  record AgentOutcome(UUID agentId, String outcome, UUID executionId, String detail) {}

  @GetMapping("/api/workspaces/{ws}/events")
  Map<String, Object> events(
      Caller caller,
      @PathVariable UUID ws,
      @RequestParam(required = false) UUID agentId,
      @RequestParam(defaultValue = "50") int limit) {
    access.member(caller, ws);
    if (agentId != null) {
      agents.require(ws, agentId);
    }
    if (limit < 1 || limit > 500) {
      throw ApiException.invalid("limit", "limit must be from 1 to 500");
    }
    Map<Long, Event> events = new LinkedHashMap<>();
    for (EventOutcomes.Row row : outcomes.recent(ws, agentId, limit)) {
      List<AgentOutcome> of =
          events
              .computeIfAbsent(
                  row.eventId(), id -> new Event(id, row.type(), row.at(), new ArrayList<>()))
              .outcomes();
      of.add(new AgentOutcome(row.agentId(), row.outcome(), row.executionId(), row.detail()));
      if (row.redeliveries() > 0) {
        of.add(
            new AgentOutcome(
                row.agentId(),
                EventOutcomes.Outcome.DEDUPLICATED.wireName(),
                row.executionId(),
                deduplicated(row.redeliveries())));
      }
    }
    return ApiResponse.ok(List.copyOf(events.values()));
  }

  private static String deduplicated(int redeliveries) {
    return "Delivered again "
        + (redeliveries == 1 ? "once" : redeliveries + " times")
        + "; nothing started twice";
  }
}
