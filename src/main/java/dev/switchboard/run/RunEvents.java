package dev.switchboard.run;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one publisher of a run's {@code execution:*} events: it calls each {@link RunEvent.Listener}
 * itself. A run makes about six events, each heard by six listeners; Spring's event multicast (a
 * payload event's type resolved per event, then per listener, the listener bean looked up by name,
 * a reflective call) cost more than the listeners did.
 */
@Component
class RunEvents {

  private final ObjectProvider<RunEvent.Listener> provider;
  // Found at the first event, once every bean exists: some listeners need beans that need this.
  private volatile List<RunEvent.Listener> listeners;

  RunEvents(ObjectProvider<RunEvent.Listener> provider) {
    this.provider = provider;
  }

  void publish(Execution e, String event, Map<String, Object> data) {
    publish(RunEvent.of(e, event, data));
  }

  void publish(RunEvent event) {
    for (RunEvent.Listener listener : listeners()) {
      listener.on(event);
    }
  }

  private List<RunEvent.Listener> listeners() {
    List<RunEvent.Listener> found = listeners;
    if (found == null) {
      found = provider.orderedStream().toList();
      listeners = found;
    }
    return found;
  }
}
