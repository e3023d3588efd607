package dev.switchboard.instruction;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The parser bean, configured from the SWITCHBOARD_LLM_* environment variables. */
class InstructionParserConfigurationTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(InstructionParserConfiguration.class);

  private ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
    return context.withInitializer(app ->
        app.getEnvironment()
            .getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("testEnvironment", variables)));
  }

  @Test
  void without_a_provider_the_parser_is_the_built_in_one() {
    context.run(
        app -> assertThat(app.getBean(InstructionParser.class)).isInstanceOf(BuiltInParser.class));
  }

  @Test
  void with_a_provider_the_model_is_the_fallback_of_the_built_in_parser() {
    String plan = "{\"steps\": [{\"type\": \"wait\", \"params\": {\"duration\": \"P1D\"}}]}";
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                okJson(
                    JsonMapper.builder()
                        .build()
                        .writeValueAsString(
                            Map.of(
                                "id", "1",
                                "object", "chat.completion",
                                "created", 1,
                                "model", "m",
                                "choices",
                                    List.of(
                                        Map.of(
                                            "index",
                                            0,
                                            "message",
                                            Map.of("role", "assistant", "content", plan),
                                            "finish_reason",
                                            "stop")))))));

    withEnvironment(
            Map.of(
                "SWITCHBOARD_LLM_PROVIDER", "openai",
                "SWITCHBOARD_LLM_BASE_URL", server.baseUrl() + "/v1",
                "SWITCHBOARD_LLM_API_KEY", "sk-test",
                "SWITCHBOARD_LLM_MODEL", "m",
                "SWITCHBOARD_LLM_TIMEOUT", "5s"))
        .run(app -> {
          InstructionParser parser = app.getBean(InstructionParser.class);
          assertThat(parser).isInstanceOf(FallbackParser.class);

          assertThat(parser.parse("Wait 2 days")).isInstanceOf(ParseResult.Parsed.class);
          server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));

          assertThat(parser.parse("Snooze them for a day")).isInstanceOf(ParseResult.Parsed.class);
          server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        });
  }

  @Test
  void an_unknown_provider_stops_the_application_from_starting() {
    withEnvironment(Map.of("SWITCHBOARD_LLM_PROVIDER", "claude"))
        .run(app ->
            assertThat(app)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("Unknown language model provider 'claude'"));
  }
}
