package dev.switchboard.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of the connectors: one {@link RestClient} for web search (SPEC: 10 s) and one for
 * the other APIs, both with connect and read timeouts. Failures come back as values or as {@link
 * Unreachable}; exception texts are never passed on, because URLs may carry an API key.
 */
@Component
class HttpConnector {

  /** An answer of the peer, whatever its status. The body is cut at 2 MB. */
  record Answer(int status, String contentType, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as JSON, or null when it is not JSON (an HTML error page, say). */
    JsonNode json(JsonMapper mapper) {
      if (contentType != null && !contentType.toLowerCase().contains("json")) {
        return null;
      }
      try {
        JsonNode node = mapper.readTree(body);
        return node != null && node.isObject() ? node : null;
      } catch (JacksonException e) {
        return null;
      }
    }
  }

  /** The peer did not answer: {@code timedOut} when it took too long, else it was unreachable. */
  static final class Unreachable extends RuntimeException {
    private final boolean timedOut;

    Unreachable(boolean timedOut) {
      super(timedOut ? "timed out" : "unreachable", null, false, false);
      this.timedOut = timedOut;
    }

    boolean timedOut() {
      return timedOut;
    }
  }

  /** Which timeout applies to a call. */
  enum Purpose {
    SEARCH,
    API
  }

  private static final int MAX_BODY = 2 * 1024 * 1024;

  private final RestClient search;
  private final RestClient api;
  private final JsonMapper json;

  HttpConnector(IntegrationProperties properties, JsonMapper json) {
    this.search = client(properties.connectTimeout(), properties.searchTimeout());
    this.api = client(properties.connectTimeout(), properties.httpTimeout());
    this.json = json;
  }

  private static RestClient client(Duration connect, Duration read) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(connect)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(read);
    return RestClient.builder().requestFactory(factory).build();
  }

  Answer get(Purpose purpose, URI uri, Map<String, String> headers) {
    return call(purpose, HttpMethod.GET, uri, headers, null);
  }

  Answer postJson(Purpose purpose, URI uri, Map<String, String> headers, Object body) {
    return call(purpose, HttpMethod.POST, uri, headers, json.writeValueAsString(body));
  }

  JsonMapper mapper() {
    return json;
  }

  private Answer call(
      Purpose purpose, HttpMethod method, URI uri, Map<String, String> headers, String body) {
    RestClient client = purpose == Purpose.SEARCH ? search : api;
    RestClient.RequestBodySpec request =
        client
            .method(method)
            .uri(uri)
            .accept(MediaType.APPLICATION_JSON)
            .headers(h -> headers.forEach(h::set));
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    try {
      return request.exchange(
          (req, res) -> {
            MediaType type = res.getHeaders().getContentType();
            try (InputStream in = res.getBody()) {
              String text = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
              return new Answer(
                  res.getStatusCode().value(), type == null ? null : type.toString(), text);
            }
          },
          true);
    } catch (ResourceAccessException e) {
      throw new Unreachable(timedOut(e));
    }
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException
          && !(t instanceof java.net.http.HttpConnectTimeoutException)) {
        return true;
      }
      if (t instanceof java.net.SocketTimeoutException) {
        return true;
      }
      if (t instanceof ConnectException) {
        return false;
      }
      if (t instanceof IOException
          && t.getMessage() != null
          && t.getMessage().contains("timed out")) {
        return true;
      }
    }
    return false;
  }
}
