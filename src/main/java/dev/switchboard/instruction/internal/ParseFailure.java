package dev.switchboard.instruction.internal;

/**
 * Thrown inside the grammar when a part of the text cannot be read; carries the span to highlight.
 * It has no stack trace: it is control flow, not a bug report.
 */
final class ParseFailure extends RuntimeException {

  private final int start;
  private final int end;

  ParseFailure(String message, int start, int end) {
    super(message, null, false, false);
    this.start = start;
    this.end = end;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }
}
