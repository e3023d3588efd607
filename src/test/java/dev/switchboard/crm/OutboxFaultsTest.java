package dev.switchboard.crm;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.SwitchboardTestBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's consumer dies mid-batch, or runs twice at once: every CRM event still reaches the
 * agents listening for it, and each (event, agent) pair makes exactly one run.
 */
@Tag("db")
class OutboxFaultsTest extends SwitchboardTestBase {

  @Autowired ConfigurableApplicationContext context;
  @Autowired OutboxPublisher publisher;
  @Autowired JdbcClient jdbcClient;
  @Autowired TransactionTemplate tx;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ApplicationEventPublisher events;
  @Autowired CrmJson json;
  @Autowired Contacts contacts;
  @Autowired DataSource dataSource;

  private String space;
  private UUID workspace;
  private String agent;
  private final Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();

  @BeforeEach
  void listeningAgent() {
    space = owner.createWorkspace("outbox faults " + UUID.randomUUID());
    workspace = UUID.fromString(space);
    agent =
        anAgent()
            .live()
            .withLimits(1000, 100_000)
            .withSteps(step("remember", Map.of("key", "k", "value", "v")))
            .withTriggers(Map.of("type", "event", "event", "contact.created"))
            .createIn(owner, space);
  }

  @Test
  void a_consumer_killed_mid_batch_loses_no_event_and_doubles_none() {
    AtomicBoolean killed = new AtomicBoolean();
    listen(event -> {
      // The seventh delivery: the node dies after reading its batch and handling six events.
      if (delivered() == 7 && killed.compareAndSet(false, true)) {
        ((ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource))
            .setRollbackOnly();
      }
    });

    createContacts(20);

    awaitRuns(20);
    assertThat(killed).isTrue();
    assertThat(delivered()).as("the killed batch came again").isGreaterThan(20);
    assertOnceEach(20);
  }

  @Test
  void two_consumers_draining_at_once_deliver_each_event_once() throws Exception {
    listen(event -> {});
    OutboxPublisher second =
        new OutboxPublisher(
            jdbcClient, tx, transactions, events, json, clock, new SimpleMeterRegistry());

    createContacts(40);
    CompletableFuture.allOf(
            IntStream.range(0, 4)
                .mapToObj(
                    i -> CompletableFuture.runAsync(i % 2 == 0 ? publisher::drain : second::drain))
                .toArray(CompletableFuture[]::new))
        .get(60, TimeUnit.SECONDS);

    awaitRuns(40);
    assertThat(deliveries.values()).allMatch(n -> n.get() == 1);
    assertOnceEach(40);
  }

  private void listen(java.util.function.Consumer<CrmEvent> then) {
    context.addApplicationListener(
        (ApplicationListener<PayloadApplicationEvent<CrmEventBatch>>)
            e -> {
              for (CrmEvent event : e.getPayload().events()) {
                if (event.workspaceId().equals(workspace)) {
                  deliveries
                      .computeIfAbsent(event.eventId(), id -> new AtomicInteger())
                      .incrementAndGet();
                  then.accept(event);
                }
              }
            });
  }

  private int delivered() {
    return deliveries.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** In one transaction, so that their events are read as one batch. */
  private void createContacts(int n) {
    tx.executeWithoutResult(status -> {
      for (int i = 0; i < n; i++) {
        contacts.create(workspace, Map.of("email", "c" + i + "@example.com"));
      }
    });
  }

  private void awaitRuns(int n) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> outcomes().size() >= n && runs().size() >= n);
  }

  /** One outcome and one run per event, and no other run. */
  private void assertOnceEach(int n) {
    List<Map<String, Object>> outcomes = outcomes();
    assertThat(outcomes).hasSize(n);
    assertThat(outcomes.stream().map(o -> o.get("event_id")).distinct()).hasSize(n);
    assertThat(outcomes).allMatch(o -> ((Number) o.get("redeliveries")).intValue() == 0);
    List<UUID> runs = runs();
    assertThat(runs).hasSize(n);
    assertThat(outcomes.stream().map(o -> o.get("execution_id")))
        .containsExactlyInAnyOrderElementsOf(runs);
  }

  private List<Map<String, Object>> outcomes() {
    return jdbc.queryForList(
        "select event_id, execution_id, redeliveries from event_outcomes where agent_id = ?",
        UUID.fromString(agent));
  }

  private List<UUID> runs() {
    return jdbc.queryForList(
        "select id from executions where agent_id = ?", UUID.class, UUID.fromString(agent));
  }
}
