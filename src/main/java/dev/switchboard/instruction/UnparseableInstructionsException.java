package dev.switchboard.instruction;

import dev.switchboard.api.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Instructions that could not be compiled, for callers that prefer an exception to a {@link
 * ParseResult} (e.g. saving an agent); the API answers it with 422 {@value ParseResult#ERROR_CODE},
 * the message "Unable to parse instructions. Please clarify." and the details.
 */
public class UnparseableInstructionsException extends ApiException {

  private final List<ParseDetail> details;

  public UnparseableInstructionsException(List<ParseDetail> details) {
    super(
        HttpStatus.UNPROCESSABLE_CONTENT,
        ParseResult.ERROR_CODE,
        ParseResult.ERROR_MESSAGE,
        Map.of("details", List.copyOf(details), "field", "instructions"));
    this.details = List.copyOf(details);
  }

  /** Why, with the spans of text each reason is about. */
  public List<ParseDetail> details() {
    return details;
  }
}
