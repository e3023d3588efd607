package dev.switchboard.instruction;

import dev.switchboard.plan.Plan;
import java.util.List;

/** What parsing instructions gives: a plan, or the reasons it could not be read. */
public sealed interface ParseResult {

  /** The API error code for unreadable instructions (HTTP 422). */
  String ERROR_CODE = "UNPARSEABLE_INSTRUCTIONS";

  /** The API error message for unreadable instructions. */
  String ERROR_MESSAGE = "Unable to parse instructions. Please clarify.";

  /**
   * The instructions compiled to a plan.
   *
   * @param plan the plan, valid against the plan schema
   * @param warnings things worth telling the author that did not stop parsing (e.g. a tag added and
   *     removed again); empty when there are none
   */
  record Parsed(Plan plan, List<String> warnings) implements ParseResult {
    public Parsed {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The instructions could not be read; nothing was guessed.
   *
   * @param details at least one reason, each with the span it is about
   */
  record Unparseable(List<ParseDetail> details) implements ParseResult {
    public Unparseable {
      details = List.copyOf(details);
      if (details.isEmpty()) {
        throw new IllegalArgumentException("An unparseable result needs at least one detail");
      }
    }
  }

  static Parsed parsed(Plan plan, List<String> warnings) {
    return new Parsed(plan, warnings);
  }

  static Unparseable unparseable(List<ParseDetail> details) {
    return new Unparseable(details);
  }

  static Unparseable unparseable(String message, int start, int end) {
    return new Unparseable(List.of(new ParseDetail(message, start, end)));
  }

  /** The plan, or {@link UnparseableInstructionsException} carrying the details. */
  default Plan planOrThrow() {
    return switch (this) {
      case Parsed parsed -> parsed.plan();
      case Unparseable unparseable ->
          throw new UnparseableInstructionsException(unparseable.details());
    };
  }
}
