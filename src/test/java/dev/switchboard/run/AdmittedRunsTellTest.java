package dev.switchboard.run;

import static dev.switchboard.support.AgentBuilder.aCommandAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.Agents;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Newly admitted runs are told where they stand after their admission commits, in passes that
 * gather every run admitted meanwhile (one read of the queue for all), before the workers are
 * woken.
 */
@Tag("db")
class AdmittedRunsTellTest extends SwitchboardTestBase {

  @Autowired Admission admission;
  @Autowired Agents agents;
  @Autowired JdbcClient jdbcClient;
  @Autowired RunSettings settings;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ApplicationContext context;

  private final List<String> toStop = new ArrayList<>();

  @AfterEach
  void stopRuns() {
    for (String id : toStop) {
      owner.post("/api/workspaces/" + ws + "/executions/" + id + "/cancel", null);
      Runs.awaitStatus(owner, ws, id, "canceled");
    }
  }

  @Test
  void runs_admitted_while_a_pass_works_are_told_together_in_the_next_pass_before_the_wake()
      throws Exception {
    String agentId = aCommandAgent("sleep", "30").live().createIn(owner, ws);
    Agent agent = agents.require(UUID.fromString(ws), UUID.fromString(agentId));
    String running = Runs.trigger(owner, ws, agentId);
    toStop.add(running);
    Runs.awaitStatus(owner, ws, running, "running");
    List<Execution> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Execution run =
          admission
              .admit(
                  new TriggerSource.Event(UUID.randomUUID(), "contact.created"),
                  agent,
                  TriggerContext.EMPTY)
              .orThrow();
      queued.add(run);
      toStop.add(run.id().toString());
    }
    List<Collection<UUID>> reads = new CopyOnWriteArrayList<>();
    List<String> heard = new CopyOnWriteArrayList<>();
    QueueReasons counting =
        new QueueReasons(jdbcClient, settings) {
          @Override
          Map<UUID, QueueStatus> ofAll(Collection<UUID> ids, java.time.Instant now) {
            reads.add(List.copyOf(ids));
            return super.ofAll(ids, now);
          }
        };
    RunEvents recording =
        new RunEvents(null) {
          @Override
          void publish(RunEvent event) {
            heard.add(event.executionId() + " " + event.data().get("queuePosition"));
          }
        };
    QueueWatch watch =
        new QueueWatch(
            counting, recording, context.getBeanProvider(RunAudience.class), transactions, clock);
    try {
      CountDownLatch release = new CountDownLatch(1);
      watch.admitted(List.of(), () -> awaitQuietly(release));
      await().atMost(Duration.ofSeconds(10)).until(() -> reads.size() == 1);

      for (Execution run : queued) {
        watch.admitted(List.of(run), () -> heard.add("woken " + run.id()));
      }
      assertThat(heard).as("nothing is told on the admitting thread").isEmpty();
      release.countDown();

      await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 6);
      assertThat(reads)
          .as("one read for the runs admitted while the first pass worked")
          .containsExactly(List.of(), queued.stream().map(Execution::id).toList());
      assertThat(heard)
          .as("each run told its place before the workers are woken")
          .containsExactly(
              queued.get(0).id() + " 1",
              queued.get(1).id() + " 2",
              queued.get(2).id() + " 3",
              "woken " + queued.get(0).id(),
              "woken " + queued.get(1).id(),
              "woken " + queued.get(2).id());
    } finally {
      watch.stop();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
