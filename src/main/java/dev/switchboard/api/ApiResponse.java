package dev.switchboard.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The success envelope of every API answer: {@code {"success": true, "data": …}}. */
public final class ApiResponse {

  private ApiResponse() {}

  public static Map<String, Object> ok(Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    return body;
  }

  public static Map<String, Object> error(String code, String message, Map<String, Object> extras) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (extras.containsKey("field")) {
      error.put("field", extras.get("field"));
    }
    if (extras.containsKey("details")) {
      error.put("details", extras.get("details"));
    }
    body.put("error", error);
    body.putAll(extras);
    return body;
  }

  /** Writes an error envelope straight to the response, for filters that answer before MVC. */
  public static void sendError(
      HttpServletResponse response, JsonMapper json, int status, String code, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    json.writeValue(response.getOutputStream(), error(code, message, Map.of()));
  }
}
