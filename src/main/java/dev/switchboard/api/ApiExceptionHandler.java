package dev.switchboard.api;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every failure of an API call into the SPEC's error envelope, naming the bad field. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> refused(ApiException e) {
    return ResponseEntity.status(e.status())
        .body(ApiResponse.error(e.code(), e.getMessage(), e.extras()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof UnrecognizedPropertyException unknown) {
        String field = JsonPaths.describe(unknown.getPath());
        return badRequest(field, "Unknown field '" + field + "'");
      }
      if (cause instanceof JacksonException mapping && !mapping.getPath().isEmpty()) {
        String field = JsonPaths.describe(mapping.getPath());
        return badRequest(field, "Field '" + field + "' has the wrong type, format or size");
      }
    }
    return badRequest("body", "Malformed JSON body");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
    if (e.getName().toLowerCase().endsWith("id")) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ApiResponse.error("NOT_FOUND", "Not found", Map.of()));
    }
    return badRequest(e.getName(), "Parameter '" + e.getName() + "' is not valid");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
    return badRequest(e.getParameterName(), "Parameter '" + e.getParameterName() + "' is required");
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e) {
    String part = e.getRequestPartName();
    return badRequest(part, "Part '" + part + "' is required (a file in a multipart form)");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(
            ApiResponse.error("UNSUPPORTED_MEDIA_TYPE", "Send JSON (application/json)", Map.of()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(ApiResponse.error("METHOD_NOT_ALLOWED", e.getMessage(), Map.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    String ref = InternalErrors.newRef();
    log.error("Unexpected API failure (ref {})", ref, e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(ApiResponse.error("INTERNAL_ERROR", InternalErrors.message(ref), Map.of("ref", ref)));
  }

  private static ResponseEntity<Map<String, Object>> badRequest(String field, String message) {
    return ResponseEntity.badRequest()
        .body(ApiResponse.error("VALIDATION_ERROR", message, Map.of("field", field)));
  }
}
