package dev.switchboard.run;

import dev.switchboard.api.ApiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** What admission decided about one trigger. */
public sealed interface AdmissionResult {

  /**
   * Queued to start now; or behind the agent's current run when {@code behindActiveRun} (the
   * agent's slot was taken), or held by the agent's rate when {@code throttled}.
   */
  record Admitted(Execution execution, boolean behindActiveRun, boolean throttled)
      implements AdmissionResult {

    /** Whether the run waits in the queue rather than starting at once. */
    public boolean waits() {
      return behindActiveRun || throttled;
    }
  }

  /** Not run, and recorded as a {@code skipped} execution ("Skipped: Agent paused"). */
  record Skipped(String reason, Execution execution) implements AdmissionResult {}

  /**
   * Not run and not recorded; the API answers {@code status} with {@code code} and {@code message}
   * (SPEC "HTTP API"). {@code blocking} names the agent's active run on a 409 {@code
   * AGENT_ALREADY_RUNNING}, else null.
   */
  record Refused(String code, HttpStatus status, String message, BusyWith blocking)
      implements AdmissionResult {

    /** The agent's run that holds its slot. */
    public record BusyWith(UUID executionId, Instant startedAt) {}

    static Refused of(HttpStatus status, String code, String message) {
      return new Refused(code, status, message, null);
    }

    public ApiException toApiException() {
      Map<String, Object> extras = new LinkedHashMap<>();
      if (blocking != null) {
        extras.put("currentExecutionId", blocking.executionId());
        extras.put("startedAt", blocking.startedAt());
      }
      return new ApiException(status, code, message, extras);
    }
  }

  /** The run that was queued or skipped; throws the refusal as the API's answer. */
  default Execution orThrow() {
    return switch (this) {
      case Admitted a -> a.execution();
      case Skipped s -> s.execution();
      case Refused r -> throw r.toApiException();
    };
  }
}
