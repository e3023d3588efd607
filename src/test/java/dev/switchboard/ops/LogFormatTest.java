package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatTest {

  @Test
  void json_selects_the_logstash_console_layout() {
    assertThat(formatFor("json")).isEqualTo("logstash");
    assertThat(formatFor(" JSON ")).isEqualTo("logstash");
  }

  @Test
  void text_or_unset_keeps_plain_lines() {
    assertThat(formatFor("text")).isNull();
    assertThat(formatFor("")).isNull();
    assertThat(formatFor(null)).isNull();
  }

  @Test
  void any_other_value_stops_the_start_naming_the_variable() {
    assertThatThrownBy(() -> formatFor("xml"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("SWITCHBOARD_LOG_FORMAT must be json or text, not 'xml'");
  }

  private static String formatFor(String value) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    if (value != null) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("test", Map.of(LogFormat.VARIABLE, value)));
    }
    new LogFormat().postProcessEnvironment(environment, null);
    return environment.getProperty(LogFormat.CONSOLE_FORMAT);
  }
}
