package dev.switchboard.ops;

import dev.switchboard.run.RunEvent;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One application log line per change of a run's state: failures at info, the rest at debug (one
 * line per run and state at full load is too much by default). The ids come from the MDC, set by
 * the engine while a run executes and by {@link WorkspaceLogContext} during a request.
 */
@Component
class RunLogLines implements RunEvent.Listener {

  private static final Logger log = LoggerFactory.getLogger(RunLogLines.class);
  private static final Set<String> STATES =
      Set.of(
          "execution:queued",
          "execution:started",
          "execution:completed",
          "execution:canceled",
          "execution:waiting");

  @Override
  public void on(RunEvent event) {
    if (event.event().equals("execution:failed")) {
      log.info("Run {} failed", event.executionId());
    } else if (STATES.contains(event.event()) && log.isDebugEnabled()) {
      log.debug("Run {} {}", event.executionId(), event.event().substring("execution:".length()));
    }
  }
}
