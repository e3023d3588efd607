package dev.switchboard.crm;

import dev.switchboard.sql.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows as {@link CrmEventBatch}es as soon as a CRM write that added them commits
 * on this node, and every 500 ms (rows other nodes wrote, rows that failed before). Rows are locked
 * with {@code SKIP LOCKED}, so several nodes share the work without publishing a row twice; a row
 * is marked in the same transaction its event is published in, so a crash publishes it again (at
 * least once). A batch is marked and published in a savepoint, all its rows together; when a
 * listener fails on it, each row is marked and published again on its own, in a savepoint of its
 * own: a row whose listeners fail stays unpublished and comes again, without holding back the rest
 * of its batch.
 */
@Component
class OutboxPublisher {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
  static final int BATCH = 500;

  private record Row(long id, UUID workspaceId, String type, String payload, Instant createdAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final TransactionTemplate savepoint;
  private final ApplicationEventPublisher events;
  private final CrmJson json;
  private final Clock clock;
  private final Timer lag;
  private final AtomicBoolean woken = new AtomicBoolean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("crm-outbox").daemon().unstarted(r));

  OutboxPublisher(
      JdbcClient jdbc,
      TransactionTemplate tx,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      CrmJson json,
      Clock clock,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.events = events;
    this.json = json;
    this.clock = clock;
    this.lag =
        Timer.builder("switchboard.outbox.lag")
            .description("From a CRM change's commit to the commit of its event's delivery")
            .publishPercentileHistogram()
            .register(registry);
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    timer.scheduleWithFixedDelay(this::drain, 500, 500, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  /** A CRM write committed rows: they go out now, not at the next poll. */
  @TransactionalEventListener(fallbackExecution = true)
  void written(OutboxWritten written) {
    // A burst of writes while a drain is under way asks for one more drain, not one each.
    if (!woken.compareAndSet(false, true)) {
      return;
    }
    try {
      timer.execute(() -> {
        woken.set(false);
        drain();
      });
    } catch (RejectedExecutionException stopping) {
      // The node is stopping: the rows wait for the next poll, here or on another node.
    }
  }

  /** Publishes batches until the outbox is empty; answers how many events went out. */
  int drain() {
    int total = 0;
    try {
      int n;
      do {
        n = publishBatch();
        total += n;
      } while (n == BATCH && !Thread.currentThread().isInterrupted());
    } catch (RuntimeException e) {
      log.warn("Publishing CRM events failed; retrying shortly: {}", e.getMessage());
    }
    return total;
  }

  private int publishBatch() {
    Integer count =
        tx.execute(s -> {
          List<Row> rows =
              jdbc.sql(
                      """
                      select id, workspace_id, type, payload, created_at from outbox_events
                      where published_at is null order by id limit ? for update skip locked\
                      """)
                  .param(BATCH)
                  .query((rs, i) ->
                      new Row(
                          rs.getLong(1),
                          rs.getObject(2, UUID.class),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getObject(5, OffsetDateTime.class).toInstant()))
                  .list();
          OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
          if (rows.size() > 1) {
            try {
              savepoint.executeWithoutResult(batch -> publish(rows, now));
              lagged(rows);
              return rows.size();
            } catch (RuntimeException e) {
              log.debug(
                  "A listener failed on {} CRM events; publishing them one by one", rows.size(), e);
            }
          }
          int published = 0;
          for (Row row : rows) {
            try {
              savepoint.executeWithoutResult(alone -> publish(List.of(row), now));
              lagged(List.of(row));
              published++;
            } catch (RuntimeException e) {
              // Its savepoint rolled back: the row stays unpublished and comes again, while the
              // rest of the batch goes on.
              log.warn("A listener failed on CRM event {} #{}", row.type(), row.id(), e);
            }
          }
          return published;
        });
    return count == null ? 0 : count;
  }

  /** Once the delivery commits, how long after their changes the rows were delivered. */
  private void lagged(List<Row> rows) {
    AfterCommit.run(
        () -> rows.forEach(row -> lag.record(Duration.between(row.createdAt(), clock.instant()))));
  }

  /** Marks the rows published and publishes their events, in the caller's savepoint. */
  private void publish(List<Row> rows, OffsetDateTime now) {
    jdbc.sql("update outbox_events set published_at = :now where id in (:ids)")
        .param("now", now)
        .param("ids", rows.stream().map(Row::id).toList())
        .update();
    events.publishEvent(
        new CrmEventBatch(
            rows.stream()
                .map(row ->
                    new CrmEvent(
                        row.workspaceId(),
                        row.type(),
                        json.map(row.payload()),
                        row.id(),
                        row.createdAt()))
                .toList()));
  }
}
