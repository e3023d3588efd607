package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A move's tell reads the queues it reached in one read-only transaction, then tells the runs. */
@Tag("db")
class QueueWatchTellTest extends SwitchboardTestBase {

  @Autowired Admission admission;
  @Autowired Agents agents;
  @Autowired JdbcClient jdbcClient;
  @Autowired RunSettings settings;
  @Autowired PlatformTransactionManager transactions;

  private final List<String> toStop = new ArrayList<>();

  @AfterEach
  void stopRuns() {
    for (String id : toStop) {
      owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null);
      Runs.awaitStatus(owner, ws, id, "canceled");
    }
  }

  @Test
  void a_tell_reads_the_moved_queues_in_one_read_only_transaction() {
    String agentId = aCommandAgent("sleep", "30").live().createIn(owner, ws);
    Agent agent = agents.require(UUID.fromString(ws), UUID.fromString(agentId));
    String running = Runs.trigger(owner, ws, agentId);
    toStop.add(running);
    Runs.awaitStatus(owner, ws, running, "running");
    List<UUID> queued = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Execution run =
          admission
              .admit(
                  new TriggerSource.Event(UUID.randomUUID(), "contact.created"),
                  agent,
                  TriggerContext.EMPTY)
              .orThrow();
      queued.add(run.id());
      toStop.add(run.id().toString());
    }
    List<String> reads = new CopyOnWriteArrayList<>();
    List<String> heard = new CopyOnWriteArrayList<>();
    QueueReasons noting =
        new QueueReasons(jdbcClient, settings) {
          @Override
          List<Placed> queues(Set<UUID> agentIds, Instant turnFrom, Instant now) {
            reads.add(
                TransactionSynchronizationManager.isActualTransactionActive()
                        && TransactionSynchronizationManager.isCurrentTransactionReadOnly()
                    ? "read-only transaction"
                    : "no transaction");
            return super.queues(agentIds, turnFrom, now);
          }
        };
    RunEvents recording =
        new RunEvents(null) {
          @Override
          void publish(RunEvent event) {
            heard.add(event.executionId() + " " + event.data().get("queuePosition"));
          }
        };
    RunAudience everyone = (workspace, agentOf, execution, workOrder) -> true;
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("audience", everyone);
    ObjectProvider<RunAudience> audience = beans.getBeanProvider(RunAudience.class);
    QueueWatch watch = new QueueWatch(noting, recording, audience, transactions, clock);
    try {
      watch.moved(agent.id(), clock.instant());

      await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
      assertThat(reads).containsExactly("read-only transaction");
      assertThat(heard).containsExactly(queued.get(0) + " 1", queued.get(1) + " 2");
    } finally {
      watch.stop();
    }
  }
}
