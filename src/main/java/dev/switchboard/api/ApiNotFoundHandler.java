package dev.switchboard.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** An unknown {@code /api} path answers 404 in the API's envelope; pages keep the default. */
@RestControllerAdvice
class ApiNotFoundHandler {

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noRoute(
      NoResourceFoundException e, HttpServletRequest request) throws NoResourceFoundException {
    if (!request.getRequestURI().startsWith("/api/")) {
      throw e;
    }
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(ApiResponse.error("NOT_FOUND", "Not found", Map.of()));
  }
}
