package dev.switchboard.run;

import dev.switchboard.sql.MultiRowInsert;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes run logs in batches (every 100 ms, or with a run's checkpoint or final write) and
 * publishes {@code execution:log} once the lines are stored. Logs are kept in full.
 */
@Component
class LogWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LogWriter.class);
  private static final int BATCH = 2000;

  private static final String ROW =
      "(cast(? as uuid), cast(? as bigint), cast(? as varchar(8)), cast(? as text),"
          + " cast(? as timestamp with time zone), cast(? as integer))";

  /** A run's log while a worker on this node holds it. */
  static final class RunLog {
    final Execution execution;
    final LogBuffer buffer;

    RunLog(Execution execution, LogBuffer buffer) {
      this.execution = execution;
      this.buffer = buffer;
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final RunEvents events;
  private final Clock clock;
  private final Map<UUID, RunLog> open = new ConcurrentHashMap<>();
  private ScheduledExecutorService flusher;

  LogWriter(JdbcTemplate jdbc, TransactionTemplate tx, RunEvents events, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  RunLog open(Execution execution, long lastSeq) {
    RunLog runLog = new RunLog(execution, new LogBuffer(lastSeq, clock));
    open.put(execution.id(), runLog);
    return runLog;
  }

  void close(RunLog runLog) {
    open.remove(runLog.execution.id());
  }

  /** Lines of one run taken out of its buffer, to be written with the run's final write. */
  record Lines(Execution execution, List<LogLine> lines) {}

  /**
   * Takes the run's pending lines for its final write and closes its log to the timer, whose
   * flushes would otherwise race that write. Holding the run's lock waits for a flush in progress,
   * which publishes its lines before these.
   */
  Lines take(RunLog runLog) {
    synchronized (runLog) {
      open.remove(runLog.execution.id());
      return new Lines(runLog.execution, runLog.buffer.drain(Integer.MAX_VALUE));
    }
  }

  /**
   * Runs {@code write} in one transaction together with the run's pending lines, then publishes
   * those lines. Holding the run's lock keeps lines in order with the timer's flushes.
   */
  <T> T commitWith(RunLog runLog, Supplier<T> write) {
    synchronized (runLog) {
      List<LogLine> lines = runLog.buffer.drain(Integer.MAX_VALUE);
      Lines taken = new Lines(runLog.execution, lines);
      T result =
          tx.execute(status -> {
            insert(List.of(taken));
            return write.get();
          });
      publish(taken);
      return result;
    }
  }

  void flush(RunLog runLog) {
    synchronized (runLog) {
      while (!runLog.buffer.isEmpty()) {
        Lines taken = new Lines(runLog.execution, runLog.buffer.drain(BATCH));
        tx.executeWithoutResult(status -> insert(List.of(taken)));
        publish(taken);
      }
    }
  }

  /**
   * Stores the lines of this turn of the run only: a turn that was taken over (its lease ran out
   * and the run was claimed again, here or on another node) writes nothing more, so its late lines
   * cannot take the sequence numbers of the turn that owns the run now. The lines go in as one
   * statement per {@link MultiRowInsert#ROWS_PER_STATEMENT}, each row joined to its run's current
   * attempt.
   */
  void insert(List<Lines> runs) {
    List<Object[]> rows = new ArrayList<>();
    for (Lines run : runs) {
      Execution execution = run.execution();
      for (LogLine l : run.lines()) {
        rows.add(
            new Object[] {
              execution.id(),
              l.seq(),
              l.stream(),
              l.line(),
              ExecutionStore.utc(l.ts()),
              execution.attempt()
            });
      }
    }
    MultiRowInsert.insert(
        jdbc,
        "insert into execution_logs (execution_id, seq, stream, line, ts)"
            + " select v.execution_id, v.seq, v.stream, v.line, v.ts from (values ",
        ROW,
        ") as v (execution_id, seq, stream, line, ts, attempt)"
            + " join executions e on e.id = v.execution_id and e.attempt = v.attempt",
        rows);
  }

  /** Publishes lines once they are stored. */
  void publish(Lines run) {
    Execution e = run.execution();
    for (LogLine l : run.lines()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("executionId", e.id());
      data.put("seq", l.seq());
      data.put("stream", l.stream());
      data.put("line", l.line());
      data.put("ts", l.ts());
      events.publish(e, "execution:log", data);
    }
  }

  private void flushAll() {
    for (RunLog runLog : open.values()) {
      try {
        flush(runLog);
      } catch (RuntimeException ex) {
        log.warn("Could not write log lines of run {}: {}", runLog.execution.id(), ex.getMessage());
      }
    }
  }

  @Override
  public void start() {
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("log-writer").daemon().unstarted(r));
    flusher.scheduleWithFixedDelay(this::flushAll, 100, 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    flusher.shutdown();
    flushAll();
  }

  @Override
  public boolean isRunning() {
    return flusher != null && !flusher.isShutdown();
  }

  @Override
  public int getPhase() {
    // Stops after the workers (which have a higher phase), so their last lines are written.
    return Integer.MAX_VALUE - 2000;
  }
}
