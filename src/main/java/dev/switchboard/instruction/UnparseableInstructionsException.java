package dev.switchboard.instruction;

import java.util.List;

/**
 * Instructions that could not be compiled, for callers that prefer an exception to a {@link
 * ParseResult} (e.g. saving an agent); the web layer answers it with 422 {@value
 * ParseResult#ERROR_CODE}.
 */
public class UnparseableInstructionsException extends RuntimeException {

  private final List<ParseDetail> details;

  public UnparseableInstructionsException(List<ParseDetail> details) {
    super(ParseResult.ERROR_MESSAGE + " " + summary(details));
    this.details = List.copyOf(details);
  }

  /** Why, with the spans of text each reason is about. */
  public List<ParseDetail> details() {
    return details;
  }

  private static String summary(List<ParseDetail> details) {
    return String.join(" ", details.stream().map(ParseDetail::message).toList());
  }
}
