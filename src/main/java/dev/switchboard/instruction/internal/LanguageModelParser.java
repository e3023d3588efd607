package dev.switchboard.instruction.internal;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.switchboard.instruction.InstructionParser;
import dev.switchboard.instruction.ParseResult;
import dev.switchboard.plan.InvalidPlanException;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.PlanJson;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses instructions with a language model through LangChain4j (OpenAI-compatible, Gemini or
 * Ollama). The model is asked for JSON (with the plan's JSON schema where the provider takes one)
 * and its answer is validated with {@link PlanJson#read}, like any plan: an answer that is not
 * JSON, names an unknown action, breaks the schema, or comes too late is an {@link
 * ParseResult.Unparseable} saying so, never a guess.
 */
public final class LanguageModelParser implements InstructionParser {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_ECHO = 200;

  private final ChatModel model;
  private final ResponseFormat responseFormat;
  private final Duration timeout;

  LanguageModelParser(ChatModel model, ResponseFormat responseFormat, Duration timeout) {
    this.model = model;
    this.responseFormat = responseFormat;
    this.timeout = timeout;
  }

  /**
   * A parser for a provider: {@code openai} (any OpenAI-compatible chat-completions API), {@code
   * gemini} or {@code ollama}. Blank base URL and model fall back to the provider's usual ones; an
   * unknown provider is refused at start-up.
   */
  public static LanguageModelParser create(
      String provider, String baseUrl, String apiKey, String modelName, Duration timeout) {
    String url = blankToNull(baseUrl);
    String key = blankToNull(apiKey);
    String name = blankToNull(modelName);
    return switch (provider.trim().toLowerCase(Locale.ROOT)) {
      case "openai" ->
          new LanguageModelParser(
              OpenAiChatModel.builder()
                  .baseUrl(url == null ? "https://api.openai.com/v1" : url)
                  .apiKey(key == null ? "none" : key)
                  .modelName(name == null ? "gpt-4o-mini" : name)
                  .timeout(timeout)
                  .maxRetries(0)
                  .strictJsonSchema(false)
                  .build(),
              ResponseFormat.builder()
                  .type(ResponseFormatType.JSON)
                  .jsonSchema(PlanPrompt.schema())
                  .build(),
              timeout);
      case "gemini" ->
          new LanguageModelParser(
              GoogleAiGeminiChatModel.builder()
                  .baseUrl(url)
                  .apiKey(key == null ? "none" : key)
                  .modelName(name == null ? "gemini-2.5-flash" : name)
                  .timeout(timeout)
                  .maxRetries(0)
                  .build(),
              ResponseFormat.JSON,
              timeout);
      case "ollama" ->
          new LanguageModelParser(
              OllamaChatModel.builder()
                  .baseUrl(url == null ? "http://localhost:11434" : url)
                  .modelName(name == null ? "llama3.1" : name)
                  .timeout(timeout)
                  .maxRetries(0)
                  .build(),
              ResponseFormat.JSON,
              timeout);
      default ->
          throw new IllegalArgumentException(
              "Unknown language model provider '" + provider + "' (openai, gemini or ollama)");
    };
  }

  @Override
  public ParseResult parse(String instructions) {
    String text = instructions == null ? "" : instructions;
    String answer;
    try {
      ChatRequest request =
          ChatRequest.builder()
              .messages(SystemMessage.from(PlanPrompt.SYSTEM), UserMessage.from(text))
              .responseFormat(responseFormat)
              .build();
      answer = model.chat(request).aiMessage().text();
    } catch (RuntimeException failure) {
      return fail(text, describe(failure));
    }
    return read(text, answer);
  }

  private String describe(RuntimeException failure) {
    if (isTimeout(failure)) {
      return "The language model did not answer within " + timeout.toSeconds() + " s.";
    }
    return "The language model call failed: " + shorten(String.valueOf(failure.getMessage()));
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof dev.langchain4j.exception.TimeoutException
          || t instanceof TimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof InterruptedIOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Turns the model's answer into a result; everything is checked, nothing assumed. */
  static ParseResult read(String text, String answer) {
    if (answer == null || answer.isBlank()) {
      return fail(text, "The language model gave an empty answer.");
    }
    Object tree;
    try {
      tree = JSON.readValue(stripFences(answer), Object.class);
    } catch (JacksonException notJson) {
      return fail(
          text,
          "The language model answered with something that is not JSON: '" + shorten(answer) + "'");
    }
    if (!(tree instanceof Map<?, ?> root)) {
      return fail(text, "The language model answered with an invalid plan: not a JSON object.");
    }
    if (root.get("error") instanceof String reason && root.get("steps") == null) {
      return fail(text, "The language model could not read the instructions: " + shorten(reason));
    }
    Plan plan;
    try {
      plan = PlanJson.read(withoutEmptyError(root));
    } catch (InvalidPlanException invalid) {
      return fail(
          text, "The language model answered with an invalid plan: " + invalid.getMessage());
    }
    if (plan.steps().isEmpty()) {
      return fail(text, "The language model found no action in the instructions.");
    }
    return ParseResult.parsed(plan, List.of());
  }

  /** Some models add {@code "error": null} or {@code ""} next to a plan. */
  private static Object withoutEmptyError(Map<?, ?> root) {
    Object error = root.get("error");
    if (root.containsKey("error") && (error == null || String.valueOf(error).isBlank())) {
      Map<Object, Object> copy = new java.util.LinkedHashMap<>(root);
      copy.remove("error");
      return copy;
    }
    return root;
  }

  /** Models sometimes wrap JSON in Markdown fences despite being asked not to. */
  private static String stripFences(String answer) {
    String trimmed = answer.trim();
    if (trimmed.startsWith("```")) {
      int firstLine = trimmed.indexOf('\n');
      int close = trimmed.lastIndexOf("```");
      if (firstLine > 0 && close > firstLine) {
        return trimmed.substring(firstLine + 1, close);
      }
    }
    return trimmed;
  }

  private static ParseResult fail(String text, String message) {
    return ParseResult.unparseable(message, 0, text.length());
  }

  private static String shorten(String s) {
    return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO - 1) + "…";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
