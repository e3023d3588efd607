package dev.switchboard.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a query parameter, form field or path segment holding text that cannot be stored, before
 * any controller sees it: a 400 naming the parameter (on a page, the error page with 400).
 */
@Configuration
class TextParameterCheck implements WebMvcConfigurer, HandlerInterceptor {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    checkEncoding(handler, request.getQueryString());
    Map<String, String[]> parameters;
    try {
      parameters = request.getParameterMap();
    } catch (IllegalStateException undecodable) {
      // Tomcat refuses a form body that is not valid UTF-8 (the query was checked above).
      throw refusal(handler, "body", "The form body is not valid UTF-8");
    }
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      check(handler, parameter.getKey(), parameter.getKey());
      for (String value : parameter.getValue()) {
        check(handler, parameter.getKey(), value);
      }
    }
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
        instanceof Map<?, ?> variables) {
      variables.forEach((name, value) -> check(handler, (String) name, (String) value));
    }
    return true;
  }

  private static void check(Object handler, String name, String text) {
    if (!StorableText.accepts(text)) {
      String field = JsonPaths.safe(name);
      throw refusal(handler, field, StorableText.refusal(field).getMessage());
    }
  }

  /** Names the first query parameter whose percent-encoding is not valid UTF-8. */
  private static void checkEncoding(Object handler, String query) {
    if (query == null) {
      return;
    }
    for (String pair : query.split("&")) {
      if (decode(pair) == null) {
        int equals = pair.indexOf('=');
        String encodedName = equals < 0 ? pair : pair.substring(0, equals);
        String name = decode(encodedName);
        String shown = name == null ? "?" : JsonPaths.safe(name);
        throw refusal(handler, shown, "Parameter '" + shown + "' is not valid UTF-8");
      }
    }
  }

  /** The decoded text, or null when the percent-encoding is broken or not UTF-8. */
  private static String decode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          return null;
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static RuntimeException refusal(Object handler, String field, String message) {
    if (handler instanceof HandlerMethod method
        && AnnotatedElementUtils.hasAnnotation(method.getBeanType(), RestController.class)) {
      return ApiException.invalid(field, message);
    }
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }
}
