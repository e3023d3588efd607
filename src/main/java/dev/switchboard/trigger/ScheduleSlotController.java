package dev.switchboard.trigger;

import dev.switchboard.agent.Agents;
import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET …/agents/{id}/schedule-slots?from=&to=}: the agent's slot ledger, newest first. */
@RestController
class ScheduleSlotController {

  static final int LIMIT = 500;

  private final SlotLedger ledger;
  private final Agents agents;
  private final WorkspaceAccess access;

  ScheduleSlotController(SlotLedger ledger, Agents agents, WorkspaceAccess access) {
    this.ledger = ledger;
    this.agents = agents;
    this.access = access;
  }

  @GetMapping("/api/workspaces/{ws}/agents/{agentId}/schedule-slots")
  Map<String, Object> slots(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID agentId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    access.member(caller, ws);
    agents.require(ws, agentId);
    return ApiResponse.ok(
        ledger
            .of(
                ws,
                agentId,
                instant("from", from, Instant.EPOCH),
                instant("to", to, Instant.parse("9999-12-31T00:00:00Z")),
                LIMIT)
            .stream()
            .map(ScheduleSlotController::view)
            .toList());
  }

  private static Map<String, Object> view(SlotLedger.Slot slot) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("triggerId", slot.triggerId());
    out.put("slotAt", slot.slotAt());
    out.put("outcome", slot.outcome().wireName());
    out.put("reason", slot.reason());
    out.put("executionId", slot.executionId());
    return out;
  }

  private static Instant instant(String field, String value, Instant otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          field, field + " must be an ISO-8601 instant such as 2026-05-01T00:00:00Z");
    }
  }
}
