package dev.switchboard.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lines of one run waiting to be written. Numbered as they arrive; written in batches by {@link
 * LogWriter}, and only then published, so a late subscriber's snapshot plus later events never miss
 * a line.
 */
final class LogBuffer {

  private static final int MAX_LINE = 10_000;

  private final ConcurrentLinkedQueue<LogLine> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong seq;
  private final Clock clock;

  LogBuffer(long lastSeq, Clock clock) {
    this.seq = new AtomicLong(lastSeq);
    this.clock = clock;
  }

  void append(String stream, String line) {
    String text = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " …[truncated]" : line;
    pending.add(new LogLine(seq.incrementAndGet(), stream, text, clock.instant()));
  }

  /** Takes up to {@code max} lines in order. */
  List<LogLine> drain(int max) {
    List<LogLine> out = new ArrayList<>();
    LogLine line;
    while (out.size() < max && (line = pending.poll()) != null) {
      out.add(line);
    }
    return out;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  long lastSeq() {
    return seq.get();
  }
}
