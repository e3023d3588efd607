package dev.switchboard.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text fields refuse arrays and objects with an error that carries the field's path. Jackson's own
 * reader of string lists takes {@code [["x"]]} for {@code ["x"]} and then fails without a path
 * ("trailing token"), so {@code command: [["x"]]} could not be named {@code command[0]}; with a
 * reader of its own, the list reader asks it for each element and records the index.
 */
@Configuration
class StrictStrings {

  @Bean
  JacksonModule strictStringModule() {
    return new SimpleModule("strict-strings").addDeserializer(String.class, new Reader());
  }

  static final class Reader extends StdScalarDeserializer<String> {

    Reader() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.hasToken(JsonToken.START_ARRAY) || p.hasToken(JsonToken.START_OBJECT)) {
        return (String) ctxt.handleUnexpectedToken(String.class, p);
      }
      return StringDeserializer.instance.deserialize(p, ctxt);
    }
  }
}
