package dev.switchboard.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal the API reports as {@code {"success": false, "error": {code, message}}} plus extra
 * top-level fields (e.g. {@code currentExecutionId} on a 409).
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final Map<String, Object> extras;

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(HttpStatus status, String code, String message, Map<String, Object> extras) {
    super(message);
    this.status = status;
    this.code = code;
    this.extras = new LinkedHashMap<>(extras);
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " not found");
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", message);
  }

  /** A 400 that names the offending field. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", message, Map.of("field", field));
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> extras() {
    return extras;
  }
}
