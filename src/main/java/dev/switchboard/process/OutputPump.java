package dev.switchboard.process;

import dev.switchboard.run.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads one output stream of a command on its own thread and logs it line by line. Bytes are read
 * as UTF-8, invalid sequences become U+FFFD. A line longer than {@link #MAX_LINE_CHARS} is logged
 * in pieces of that size, so memory stays bounded and nothing is cut off by the log's own limit.
 */
final class OutputPump {

  /** Below the engine's per-line limit (10,000), so each piece is stored whole. */
  static final int MAX_LINE_CHARS = 8_000;

  private final Reader reader;
  private final String stream;
  private final RunContext context;
  private final CountDownLatch done = new CountDownLatch(1);
  private final StringBuilder line = new StringBuilder();
  private volatile long lines;
  private volatile boolean detached;

  private OutputPump(InputStream in, String stream, RunContext context) {
    this.reader =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    this.stream = stream;
    this.context = context;
  }

  static OutputPump start(InputStream in, String stream, RunContext context, String threadName) {
    OutputPump pump = new OutputPump(in, stream, context);
    Thread.ofPlatform().name(threadName).daemon().start(pump::pump);
    return pump;
  }

  /** Waits until the stream is at its end; false if it is still open after {@code timeout}. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops logging what still arrives: the run is over, but a background process the command left
   * behind holds the stream open. The thread keeps reading (and dropping) until that process ends.
   */
  void detach() {
    detached = true;
  }

  long lines() {
    return lines;
  }

  private void pump() {
    char[] buffer = new char[8192];
    try (reader) {
      int n;
      while ((n = reader.read(buffer)) != -1) {
        for (int i = 0; i < n; i++) {
          accept(buffer[i]);
        }
      }
      if (!line.isEmpty()) {
        emit(line.toString());
      }
    } catch (IOException e) {
      // The pipe broke: the process is gone and there is nothing more to read.
    } finally {
      done.countDown();
    }
  }

  private void accept(char c) {
    if (c == '\n') {
      int end = line.length();
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
      emit(line.substring(0, end));
      line.setLength(0);
      return;
    }
    line.append(c);
    if (line.length() > MAX_LINE_CHARS) {
      int cut = MAX_LINE_CHARS;
      if (Character.isHighSurrogate(line.charAt(cut - 1))) {
        cut--;
      }
      emit(line.substring(0, cut));
      line.delete(0, cut);
    }
  }

  private void emit(String text) {
    if (!detached) {
      context.log(stream, text);
      lines++;
    }
  }
}
