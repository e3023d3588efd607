package dev.switchboard.integration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code POST {baseUrl}/invitations {profileUrl, message}} with the workspace's bearer token. */
@Component
public class LinkedInClient {

  /** What LinkedIn said to an invitation. */
  public enum Reply {
    SENT,
    /** 401: the access token expired or was revoked. */
    UNAUTHORIZED,
    /** 429: LinkedIn's own daily limit. */
    LIMITED,
    FAILED,
    NO_ANSWER
  }

  private final HttpConnector http;

  LinkedInClient(HttpConnector http) {
    this.http = http;
  }

  public Reply invite(Integration settings, String profileUrl, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("profileUrl", profileUrl);
    if (message != null && !message.isBlank()) {
      body.put("message", message);
    }
    try {
      HttpConnector.Answer answer =
          http.postJson(
              HttpConnector.Purpose.API,
              URI.create(settings.text("baseUrl") + "/invitations"),
              Map.of("Authorization", "Bearer " + settings.secret()),
              body);
      return switch (answer.status()) {
        case 200, 201, 202 -> Reply.SENT;
        case 401 -> Reply.UNAUTHORIZED;
        case 429 -> Reply.LIMITED;
        default -> Reply.FAILED;
      };
    } catch (HttpConnector.Unreachable e) {
      return Reply.NO_ANSWER;
    }
  }

  /** A cheap authenticated call ({@code GET {baseUrl}/me}) for "Test connection". */
  HttpConnector.Answer me(Integration settings) {
    return http.get(
        HttpConnector.Purpose.API,
        URI.create(settings.text("baseUrl") + "/me"),
        Map.of("Authorization", "Bearer " + settings.secret()));
  }
}
