package dev.switchboard.ops;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code SWITCHBOARD_LOG_FORMAT=json} turns the console log into one JSON object a line (Spring
 * Boot's Logstash layout, MDC keys such as {@code executionId} and {@code workspaceId} as fields);
 * {@code text} or unset keeps the usual lines. Runs before logging starts, so a typo stops the
 * start with a message instead of silently logging text.
 */
class LogFormat implements EnvironmentPostProcessor {

  static final String VARIABLE = "SWITCHBOARD_LOG_FORMAT";
  static final String CONSOLE_FORMAT = "logging.structured.format.console";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String format = environment.getProperty(VARIABLE, "").strip().toLowerCase(Locale.ROOT);
    switch (format) {
      case "", "text" -> {}
      case "json" ->
          environment
              .getPropertySources()
              .addFirst(new MapPropertySource(VARIABLE, Map.of(CONSOLE_FORMAT, "logstash")));
      default ->
          throw new IllegalStateException(
              VARIABLE + " must be json or text, not '" + environment.getProperty(VARIABLE) + "'");
    }
  }
}
