package dev.switchboard.run;

import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The one publisher of a run's {@code execution:*} events; the live module fans them out. */
@Component
class RunEvents {

  private final ApplicationEventPublisher events;

  RunEvents(ApplicationEventPublisher events) {
    this.events = events;
  }

  void publish(Execution e, String event, Map<String, Object> data) {
    events.publishEvent(
        new RunEvent(e.workspaceId(), e.agentId(), e.id(), e.workOrderId(), event, data));
  }

  void publish(RunEvent event) {
    events.publishEvent(event);
  }
}
