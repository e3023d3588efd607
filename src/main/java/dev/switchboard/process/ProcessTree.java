package dev.switchboard.process;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command and every process it started. Stopping it asks all of them (SIGTERM), then kills
 * (SIGKILL) whatever is still alive after a grace period: an agent CLI's own children (test
 * runners, dev servers, shells) must not outlive the run.
 */
final class ProcessTree {

  private static final Duration KILL_WAIT = Duration.ofSeconds(2);

  private final ProcessHandle root;

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** What {@link #stop} did. */
  enum Stop {
    /** Everything ended after SIGTERM. */
    TERMINATED,
    /** Something was still alive after the grace period and got SIGKILL. */
    KILLED
  }

  /**
   * Sends SIGTERM to the command and its descendants, waits up to {@code grace} for all of them to
   * end, then sends SIGKILL to those left (and to any started meanwhile). The descendants are
   * listed before the command is signalled: once it ends, its orphans can no longer be found.
   */
  Stop stop(Duration grace) throws InterruptedException {
    Set<ProcessHandle> tree = snapshot();
    tree.forEach(ProcessHandle::destroy);
    if (awaitExit(tree, grace)) {
      return Stop.TERMINATED;
    }
    tree.addAll(snapshot());
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree, KILL_WAIT);
    return Stop.KILLED;
  }

  private Set<ProcessHandle> snapshot() {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    return tree;
  }

  private static boolean awaitExit(Set<ProcessHandle> tree, Duration timeout)
      throws InterruptedException {
    CompletableFuture<?>[] exits =
        tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Waiting for a process to end failed", e);
    }
  }
}
