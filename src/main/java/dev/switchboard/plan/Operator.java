package dev.switchboard.plan;

import java.util.Arrays;
import java.util.Optional;

/** Comparison operators of the plan schema, with the symbol used in JSON. */
public enum Operator {
  /** Equal (numbers numerically, strings case-insensitively, booleans as booleans). */
  EQ("=="),
  /** Not equal. */
  NE("!="),
  /** Greater than. */
  GT(">"),
  /** Less than. */
  LT("<"),
  /** Greater than or equal. */
  GE(">="),
  /** Less than or equal. */
  LE("<="),
  /** Substring, case-insensitive; for lists, membership. */
  CONTAINS("contains"),
  /** The field is present and not empty; carries {@code "value": true}. */
  EXISTS("exists");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public static Optional<Operator> fromSymbol(String symbol) {
    return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
  }
}
