package dev.switchboard.instruction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The optional language model for parsing, bound from {@code switchboard.llm.*}, i.e. the
 * environment variables {@code SWITCHBOARD_LLM_PROVIDER} ({@code openai}, {@code gemini} or {@code
 * ollama}; unset: built-in parser only), {@code SWITCHBOARD_LLM_BASE_URL}, {@code
 * SWITCHBOARD_LLM_API_KEY}, {@code SWITCHBOARD_LLM_MODEL} and {@code SWITCHBOARD_LLM_TIMEOUT}
 * (default 30 s).
 */
@ConfigurationProperties("switchboard.llm")
record LanguageModelSettings(
    String provider, String baseUrl, String apiKey, String model, Duration timeout) {

  LanguageModelSettings {
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  boolean configured() {
    return provider != null && !provider.isBlank();
  }
}
