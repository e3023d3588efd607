package dev.switchboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.workspace.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

class SubscriptionTest {

  final UUID execution = UUID.randomUUID();
  final String topic = "execution:" + execution;
  final RecordingSocket socket = new RecordingSocket();
  final LiveSession session =
      new LiveSession(socket, new Caller(UUID.randomUUID(), "a@test.local", "A"), Runnable::run);
  final Subscription subscription = new Subscription(session, topic, true);

  @Test
  void events_during_the_snapshot_follow_it_without_the_lines_it_holds() {
    subscription.deliver(log(1), "log 1");
    subscription.deliver(log(2), "log 2");
    subscription.deliver(log(3), "log 3");
    subscription.deliver(event("execution:completed"), "completed");
    assertThat(socket.sent).isEmpty();

    subscription.start(new Snapshot(Map.of(), execution, 2), "snapshot");

    assertThat(socket.sent).containsExactly("snapshot", "log 3", "completed");
  }

  @Test
  void a_line_the_snapshot_holds_is_not_sent_even_when_its_event_comes_late() {
    subscription.start(new Snapshot(Map.of(), execution, 5), "snapshot");

    subscription.deliver(log(5), "log 5");
    subscription.deliver(log(6), "log 6");

    assertThat(socket.sent).containsExactly("snapshot", "log 6");
  }

  @Test
  void a_client_too_far_behind_is_closed_as_not_reliable() {
    List<Runnable> waiting = new java.util.ArrayList<>();
    LiveSession slow = new LiveSession(socket, session.caller(), waiting::add);
    String megabyte = "x".repeat(1024 * 1024);
    for (int i = 0; i < 4; i++) {
      slow.send(megabyte); // the sender never got to run: all of it is still queued
    }
    assertThat(socket.closedWith).isNull();

    slow.send(megabyte);
    List.copyOf(waiting).forEach(Runnable::run);

    assertThat(socket.closedWith).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
    assertThat(socket.sent).isEmpty();
  }

  @Test
  void members_and_viewers_get_only_the_system_lines_of_a_run() {
    Subscription summary = new Subscription(session, topic, false);
    summary.start(new Snapshot(Map.of(), execution, 0), "snapshot");

    summary.deliver(line(1, "system"), "system 1");
    summary.deliver(line(2, "stdout"), "stdout 2");
    summary.deliver(line(3, "stderr"), "stderr 3");
    summary.deliver(event("execution:completed"), "completed");

    assertThat(socket.sent).containsExactly("snapshot", "system 1", "completed");
  }

  private Broadcast line(long seq, String stream) {
    return new Broadcast(
        List.of(topic),
        null,
        "execution:log",
        Map.of("executionId", execution, "seq", seq, "stream", stream, "line", "line " + seq));
  }

  private Broadcast log(long seq) {
    return new Broadcast(
        List.of(topic),
        null,
        "execution:log",
        Map.of("executionId", execution, "seq", seq, "line", "line " + seq));
  }

  private Broadcast event(String name) {
    return new Broadcast(List.of(topic), null, name, Map.of("executionId", execution));
  }
}
