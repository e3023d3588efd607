package dev.switchboard.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a JSON body holding text that cannot be stored, naming the field ({@code
 * fields[2].label}), before any controller sees it, whatever type the body binds to (records and
 * plain maps alike). A body that is not valid JSON passes on, for the converter to report.
 */
@ControllerAdvice
class TextBodyCheck extends RequestBodyAdviceAdapter {

  private final JsonMapper json;

  /** The application's mapper, so this check reads bodies exactly as the converter will. */
  TextBodyCheck(JsonMapper json) {
    this.json = json;
  }

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
  }

  @Override
  public HttpInputMessage beforeBodyRead(
      HttpInputMessage input,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType)
      throws IOException {
    byte[] body = input.getBody().readAllBytes();
    check(body);
    HttpHeaders headers = input.getHeaders();
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }
    };
  }

  private void check(byte[] body) {
    try (JsonParser parser = json.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if ((token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME)
            && !StorableText.accepts(parser.getString())) {
          throw StorableText.refusal(pathOf(parser.streamReadContext()));
        }
      }
    } catch (JacksonException malformed) {
      // The converter parses the body again and names what is wrong with it.
    }
  }

  private static String pathOf(TokenStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        path.insert(0, "[" + Math.max(at.getCurrentIndex(), 0) + "]");
      } else if (at.currentName() != null) {
        path.insert(0, (at.getParent().inRoot() ? "" : ".") + JsonPaths.safe(at.currentName()));
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }
}
