package dev.switchboard.instruction.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.ParseResult;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The language model parser against a real HTTP server speaking each provider's API. */
class LanguageModelParserTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PLAN =
      "{\"steps\": [{\"type\": \"add_tag\", \"params\": {\"tags\": [\"VIP\"]}},"
          + " {\"type\": \"wait\", \"params\": {\"duration\": \"P2D\"}}]}";
  private static final String TEXT = "Make them a VIP and give it two days";

  private LanguageModelParser openAi(Duration timeout) {
    return LanguageModelParser.create(
        "openai", server.baseUrl() + "/v1", "sk-test", "gpt-test", timeout);
  }

  private static String openAiAnswer(String content) {
    return JSON.writeValueAsString(
        Map.of(
            "id",
            "chatcmpl-1",
            "object",
            "chat.completion",
            "created",
            1_700_000_000,
            "model",
            "gpt-test",
            "choices",
            List.of(
                Map.of(
                    "index",
                    0,
                    "message",
                    Map.of("role", "assistant", "content", content),
                    "finish_reason",
                    "stop")),
            "usage",
            Map.of("prompt_tokens", 10, "completion_tokens", 10, "total_tokens", 20)));
  }

  private static void openAiAnswers(String content) {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(openAiAnswer(content))));
  }

  private static String onlyMessage(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Unparseable.class);
    List<ParseDetail> details = ((ParseResult.Unparseable) result).details();
    assertThat(details).hasSize(1);
    return details.getFirst().message();
  }

  @Test
  void openai_answer_is_validated_into_a_plan() {
    openAiAnswers(PLAN);

    ParseResult result = openAi(Duration.ofSeconds(5)).parse(TEXT);

    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) result).plan().steps())
        .containsExactly(
            new Step.Action(ActionType.ADD_TAG, Map.of("tags", List.of("VIP"))),
            new Step.Action(ActionType.WAIT, Map.of("duration", "P2D")));
  }

  @Test
  void openai_request_asks_for_the_plan_json_schema_and_carries_the_instructions() {
    openAiAnswers(PLAN);

    openAi(Duration.ofSeconds(5)).parse(TEXT);

    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", containing("Bearer sk-test"))
            .withRequestBody(matchingJsonPath("$.model", containing("gpt-test")))
            .withRequestBody(matchingJsonPath("$.response_format.type", containing("json_schema")))
            .withRequestBody(
                matchingJsonPath(
                    "$.response_format.json_schema.name", containing("switchboard_plan")))
            .withRequestBody(matchingJsonPath("$.messages[1].content", containing(TEXT))));
  }

  @Test
  void garbage_answer_is_rejected_as_not_json() {
    openAiAnswers("Sure! Here is your plan: tag them and wait.");

    assertThat(onlyMessage(openAi(Duration.ofSeconds(5)).parse(TEXT)))
        .startsWith("The language model answered with something that is not JSON");
  }

  @Test
  void unknown_action_type_is_rejected_as_an_invalid_plan() {
    openAiAnswers("{\"steps\": [{\"type\": \"book_flight\", \"params\": {\"to\": \"Paris\"}}]}");

    assertThat(onlyMessage(openAi(Duration.ofSeconds(5)).parse("Book a flight to Paris")))
        .isEqualTo(
            "The language model answered with an invalid plan: plan.steps[0].type: unknown step"
                + " type 'book_flight'");
  }

  @Test
  void plan_breaking_the_schema_is_rejected_with_the_path() {
    openAiAnswers("{\"steps\": [{\"type\": \"wait\", \"params\": {\"duration\": \"P200D\"}}]}");

    assertThat(onlyMessage(openAi(Duration.ofSeconds(5)).parse("Wait 200 days")))
        .contains("invalid plan")
        .contains("plan.steps[0].params.duration");
  }

  @Test
  void model_refusal_is_reported_with_its_reason() {
    openAiAnswers("{\"error\": \"'order pizza' is not an action Switchboard can run\"}");

    assertThat(onlyMessage(openAi(Duration.ofSeconds(5)).parse("Order pizza")))
        .isEqualTo(
            "The language model could not read the instructions: 'order pizza' is not an action"
                + " Switchboard can run");
  }

  @Test
  void markdown_fences_around_the_json_are_tolerated() {
    openAiAnswers("```json\n" + PLAN + "\n```");

    assertThat(openAi(Duration.ofSeconds(5)).parse(TEXT)).isInstanceOf(ParseResult.Parsed.class);
  }

  @Test
  void slow_model_times_out_with_a_clear_detail() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(okJson(openAiAnswer(PLAN)).withFixedDelay(3_000)));

    ParseResult result = openAi(Duration.ofMillis(300)).parse(TEXT);

    assertThat(onlyMessage(result)).startsWith("The language model did not answer within");
  }

  @Test
  void server_error_is_reported_not_thrown() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}")));

    assertThat(onlyMessage(openAi(Duration.ofSeconds(5)).parse(TEXT)))
        .startsWith("The language model call failed");
  }

  @Test
  void details_span_the_whole_text() {
    openAiAnswers("not json");

    ParseResult.Unparseable result =
        (ParseResult.Unparseable) openAi(Duration.ofSeconds(5)).parse(TEXT);

    assertThat(result.details().getFirst().start()).isZero();
    assertThat(result.details().getFirst().end()).isEqualTo(TEXT.length());
  }

  @Test
  void ollama_chat_api_answer_is_validated_into_a_plan() {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .willReturn(
                okJson(
                    JSON.writeValueAsString(
                        Map.of(
                            "model", "llama-test",
                            "created_at", "2025-01-01T00:00:00Z",
                            "message", Map.of("role", "assistant", "content", PLAN),
                            "done", true,
                            "done_reason", "stop")))));
    LanguageModelParser parser =
        LanguageModelParser.create(
            "ollama", server.baseUrl(), null, "llama-test", Duration.ofSeconds(5));

    ParseResult result = parser.parse(TEXT);

    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    server.verify(
        postRequestedFor(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.format", containing("json")))
            .withRequestBody(matchingJsonPath("$.model", containing("llama-test"))));
  }

  @Test
  void ollama_unknown_action_is_rejected() {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .willReturn(
                okJson(
                    JSON.writeValueAsString(
                        Map.of(
                            "model",
                            "llama-test",
                            "message",
                            Map.of(
                                "role", "assistant",
                                "content", "{\"steps\":[{\"type\":\"send_fax\"}]}"),
                            "done",
                            true)))));
    LanguageModelParser parser =
        LanguageModelParser.create(
            "ollama", server.baseUrl(), null, "llama-test", Duration.ofSeconds(5));

    assertThat(onlyMessage(parser.parse("Send a fax"))).contains("unknown step type 'send_fax'");
  }

  @Test
  void gemini_generate_content_answer_is_validated_into_a_plan() {
    server.stubFor(
        post(urlPathMatching("/models/gemini-test:generateContent"))
            .willReturn(
                okJson(
                    JSON.writeValueAsString(
                        Map.of(
                            "candidates",
                            List.of(
                                Map.of(
                                    "content",
                                    Map.of("role", "model", "parts", List.of(Map.of("text", PLAN))),
                                    "finishReason",
                                    "STOP")),
                            "usageMetadata",
                            Map.of(
                                "promptTokenCount", 10,
                                "candidatesTokenCount", 10,
                                "totalTokenCount", 20))))));
    LanguageModelParser parser =
        LanguageModelParser.create(
            "gemini", server.baseUrl(), "key", "gemini-test", Duration.ofSeconds(5));

    ParseResult result = parser.parse(TEXT);

    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    server.verify(
        postRequestedFor(urlPathMatching("/models/gemini-test:generateContent"))
            .withRequestBody(
                matchingJsonPath("$.generationConfig.responseMimeType", containing("json"))));
  }
}
