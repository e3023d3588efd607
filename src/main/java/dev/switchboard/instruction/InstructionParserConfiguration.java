package dev.switchboard.instruction;

import dev.switchboard.instruction.internal.LanguageModelParser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the application's {@link InstructionParser}: the built-in parser, with the language
 * model as its fallback when one is configured (see {@link FallbackParser} for the policy).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageModelSettings.class)
class InstructionParserConfiguration {

  @Bean
  InstructionParser instructionParser(LanguageModelSettings settings) {
    BuiltInParser builtIn = new BuiltInParser();
    if (!settings.configured()) {
      return builtIn;
    }
    return new FallbackParser(
        builtIn,
        LanguageModelParser.create(
            settings.provider(),
            settings.baseUrl(),
            settings.apiKey(),
            settings.model(),
            settings.timeout()));
  }
}
