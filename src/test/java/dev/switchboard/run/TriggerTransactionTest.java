package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import dev.switchboard.agent.Agents;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.InvocationOnMock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A manual trigger is one transaction: the agent, its manual filters and the admission share it
 * (each read on its own was a commit of its own).
 */
@Tag("db")
class TriggerTransactionTest extends SwitchboardTestBase {

  @MockitoSpyBean Agents agents;
  @MockitoSpyBean Admission admission;
  @Autowired DataSource dataSource;

  @Test
  void a_manual_trigger_reads_its_agent_and_filters_in_the_admission_transaction() {
    String agent =
        anAgent()
            .live()
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .createIn(owner, ws);
    List<String> seen = new CopyOnWriteArrayList<>();
    doAnswer(inv -> recorded(inv, "agent", seen)).when(agents).require(any(), any());
    doAnswer(inv -> recorded(inv, "filters", seen)).when(agents).manualFilters(any(), any());
    doAnswer(inv -> recorded(inv, "admission", seen))
        .when(admission)
        .admit(any(TriggerSource.Manual.class), any(), any());
    try {
      Runs.awaitStatus(owner, ws, Runs.trigger(owner, ws, agent), "completed");
    } finally {
      reset(agents, admission);
    }

    assertThat(seen).hasSize(3);
    assertThat(seen.getFirst()).as("the agent is read in a transaction").doesNotEndWith(" none");
    assertThat(seen.stream().map(s -> s.substring(s.indexOf(' ') + 1)).distinct())
        .as("one transaction for the agent, its filters and the admission: %s", seen)
        .hasSize(1);
  }

  /**
   * Notes which connection's transaction the call ran in (" none" outside any), then calls it; only
   * calls on a request thread are noted (the engine's own threads may look agents up meanwhile).
   */
  private Object recorded(InvocationOnMock call, String what, List<String> seen) throws Throwable {
    if (!Thread.currentThread().getName().startsWith("http-")) {
      return call.callRealMethod();
    }
    Object holder = TransactionSynchronizationManager.getResource(dataSource);
    boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
    seen.add(
        what + " " + (inTransaction && holder != null ? System.identityHashCode(holder) : "none"));
    return call.callRealMethod();
  }
}
