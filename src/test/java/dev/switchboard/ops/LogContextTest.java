package dev.switchboard.ops;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.switchboard.support.Api;
import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import tools.jackson.databind.JsonNode;

/** The JSON layout of SWITCHBOARD_LOG_FORMAT=json, fed by the real app's log calls. */
class LogContextTest extends SwitchboardTestBase {

  @Test
  void run_lines_carry_execution_and_workspace_ids_and_no_secret_reaches_the_log() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    OutputStreamAppender<ILoggingEvent> json = jsonAppender(logback, out);
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger runLines = logback.getLogger(RunLogLines.class);
    Level level = runLines.getLevel();
    root.addAppender(json);
    runLines.setLevel(Level.DEBUG);
    String executionId;
    Api signedIn;
    try {
      Api.anonymous(port)
          .post("/api/auth/login", Map.of("email", OWNER, "password", "wrong-secret-4711"));
      signedIn = Api.login(port, OWNER, OWNER_PASSWORD);
      String agent =
          anAgent()
              .live()
              .withSteps(step("remember", Map.of("key", "k", "value", "v")))
              .createIn(signedIn, ws);
      executionId = Runs.trigger(signedIn, ws, agent);
      Runs.awaitStatus(signedIn, ws, executionId, "completed");
      String done = "Run " + executionId + " completed";
      await().atMost(Duration.ofSeconds(10)).until(() -> text(out).contains(done));
    } finally {
      root.detachAppender(json);
      runLines.setLevel(level);
      json.stop();
    }

    String log = text(out);
    List<JsonNode> lines = log.lines().map(Api.JSON::readTree).toList();
    JsonNode queued = line(lines, "Run " + executionId + " queued");
    assertThat(queued.get("workspaceId").asString()).isEqualTo(ws);
    JsonNode completed = line(lines, "Run " + executionId + " completed");
    assertThat(completed.get("executionId").asString()).isEqualTo(executionId);
    assertThat(completed.get("workspaceId").asString()).isEqualTo(ws);
    assertThat(completed.get("level").asString()).isEqualTo("DEBUG");
    assertThat(log)
        .doesNotContain(OWNER_PASSWORD)
        .doesNotContain("wrong-secret-4711")
        .doesNotContain(signedIn.token());
  }

  private static OutputStreamAppender<ILoggingEvent> jsonAppender(
      LoggerContext logback, ByteArrayOutputStream out) {
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(logback);
    encoder.setFormat("logstash");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(logback);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    return appender;
  }

  private static JsonNode line(List<JsonNode> lines, String message) {
    return lines.stream()
        .filter(l -> l.get("message").asString().equals(message))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no log line '" + message + "'"));
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
