package dev.switchboard.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the ends of runs in groups (a group commit): a worker hands in its run's end with the
 * run's last log lines; a writer thread takes every end handed in while the previous group was
 * being written and writes them in one transaction through {@link RunMoves#leave}. A run that ends
 * alone is written at once; eight that end together cost one commit instead of eight. Each run is
 * still fenced by its own lease and gets its own transition row; nothing is published before the
 * commit.
 */
@Component
class RunFinisher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunFinisher.class);
  private static final int MAX_GROUP = 64;
  // Two writers: while one group commits (waiting on the disk), the next is already being written.
  private static final int WRITERS = 2;

  private record Pending(
      RunMoves.Leave leave, LogWriter.Lines lines, CompletableFuture<Boolean> done) {}

  private final RunMoves moves;
  private final LogWriter logs;
  private final TransactionTemplate tx;
  private final LinkedBlockingQueue<Pending> handedIn = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private final List<Thread> writers = new ArrayList<>();

  RunFinisher(RunMoves moves, LogWriter logs, TransactionTemplate tx) {
    this.moves = moves;
    this.logs = logs;
    this.tx = tx;
  }

  /**
   * Hands the run's end in with its lines; the answer comes with the commit: false when the node no
   * longer owned the run (its write was dropped), an exception when the write failed.
   */
  CompletableFuture<Boolean> handIn(RunMoves.Leave leave, LogWriter.Lines lines) {
    Pending p = new Pending(leave, lines, new CompletableFuture<>());
    if (!queue(p)) {
      // Stopped: the writer thread is gone or going; write on the caller's thread.
      write(List.of(p));
    }
    return p.done();
  }

  /** Queues the end for the writer unless it stopped; nothing is queued after the stop. */
  private synchronized boolean queue(Pending p) {
    return running && handedIn.add(p);
  }

  private void writeLoop() {
    while (running || !handedIn.isEmpty()) {
      try {
        Pending first = handedIn.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Pending> group = new ArrayList<>();
        group.add(first);
        handedIn.drainTo(group, MAX_GROUP - 1);
        write(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * One transaction for the group; when it fails, each run is tried alone so that one run's bad
   * write does not fail the others.
   */
  private void write(List<Pending> group) {
    try {
      boolean[] written =
          tx.execute(status -> {
            logs.insert(group.stream().map(Pending::lines).toList());
            return moves.leave(group.stream().map(Pending::leave).toList());
          });
      for (int i = 0; i < group.size(); i++) {
        group.get(i).done().complete(written[i]);
      }
    } catch (RuntimeException e) {
      if (group.size() == 1) {
        group.getFirst().done().completeExceptionally(e);
        return;
      }
      log.warn(
          "Writing {} run ends together failed, writing them one by one: {}",
          group.size(),
          e.toString());
      for (Pending p : group) {
        write(List.of(p));
      }
    }
  }

  @Override
  public void start() {
    running = true;
    for (int i = 1; i <= WRITERS; i++) {
      writers.add(Thread.ofPlatform().name("run-finisher-" + i).daemon().start(this::writeLoop));
    }
  }

  /** Stops after the workers (higher phase), writing what they handed in before it returns. */
  @Override
  public void stop() {
    synchronized (this) {
      running = false;
    }
    try {
      for (Thread writer : writers) {
        writer.join(TimeUnit.SECONDS.toMillis(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1500;
  }
}
