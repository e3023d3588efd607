package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;

class ApiExceptionHandlerTest {

  @Test
  void an_unexpected_failure_answers_a_reference_and_never_the_sql() {
    ResponseEntity<Map<String, Object>> answer =
        new ApiExceptionHandler()
            .unexpected(
                new DataIntegrityViolationException(
                    "SQL [insert into users (email) values (?)]; Key (email)=(a@b.c)"));

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) answer.getBody().get("error");
    assertThat(error.get("code")).isEqualTo("INTERNAL_ERROR");
    assertThat((String) error.get("message"))
        .isEqualTo("Internal error (ref " + answer.getBody().get("ref") + ")")
        .doesNotContain("insert", "a@b.c");
  }
}
