package dev.switchboard.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * An upload that is no multipart form (no boundary, cut short) or too large, on an {@code /api}
 * path: refused before any controller is chosen, so {@link ApiExceptionHandler} never sees it.
 */
@RestControllerAdvice
class ApiMultipartHandler {

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> unreadable(MultipartException e, HttpServletRequest request)
      throws MultipartException {
    if (!request.getRequestURI().startsWith("/api/")) {
      throw e;
    }
    if (e instanceof MaxUploadSizeExceededException) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
          .body(
              ApiResponse.error(
                  "PAYLOAD_TOO_LARGE", "The upload is too large", Map.of("field", "file")));
    }
    return ResponseEntity.badRequest()
        .body(
            ApiResponse.error(
                "VALIDATION_ERROR",
                "Field 'file' must be sent as a multipart form upload",
                Map.of("field", "file")));
  }
}
