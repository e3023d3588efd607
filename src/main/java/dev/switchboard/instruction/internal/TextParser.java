package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.ParseResult;
import dev.switchboard.plan.InvalidPlanException;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.PlanJson;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** Runs the built-in parser: tokenize, read the grammar, validate the plan, add warnings. */
public final class TextParser {

  /** Instructions longer than this are refused with a detail instead of being read. */
  public static final int MAX_LENGTH = 10_000;

  public ParseResult parse(String text) {
    if (text == null || text.isBlank()) {
      return ParseResult.unparseable("There are no instructions to parse.", 0, 0);
    }
    if (text.length() > MAX_LENGTH) {
      return ParseResult.unparseable(
          "The instructions are too long: "
              + text.length()
              + " characters, the limit is "
              + MAX_LENGTH
              + ".",
          MAX_LENGTH,
          text.length());
    }
    List<Token> tokens;
    try {
      tokens = Tokenizer.tokenize(text);
    } catch (ParseFailure failure) {
      return ParseResult.unparseable(List.of(detail(failure)));
    }
    List<ParseDetail> typos = VariableTypos.find(text, tokens);
    if (!typos.isEmpty()) {
      return ParseResult.unparseable(typos);
    }
    ParseResult asWritten = read(text, tokens, List.of());
    if (asWritten instanceof ParseResult.Unparseable) {
      List<WordTypos.Correction> corrections = WordTypos.find(tokens);
      if (!corrections.isEmpty()
          && read(text, WordTypos.apply(tokens, corrections), corrections)
              instanceof ParseResult.Parsed corrected) {
        return corrected;
      }
    }
    return asWritten;
  }

  /** Reads the tokens; a plan read with {@code corrections} says which words were read as what. */
  private static ParseResult read(
      String text, List<Token> tokens, List<WordTypos.Correction> corrections) {
    PlanGrammar grammar = new PlanGrammar(new Cursor(text, tokens));
    List<Step> steps;
    try {
      steps = grammar.plan();
    } catch (StackOverflowError tooDeep) {
      return ParseResult.unparseable(
          "The instructions are too deeply nested to read.", 0, text.length());
    }
    if (!grammar.failures().isEmpty()) {
      return ParseResult.unparseable(grammar.failures().stream().map(TextParser::detail).toList());
    }
    if (steps.isEmpty()) {
      return ParseResult.unparseable("There is no action in these instructions.", 0, text.length());
    }
    Plan plan = new Plan(steps);
    try {
      PlanJson.read(PlanJson.write(plan));
    } catch (InvalidPlanException invalid) {
      return ParseResult.unparseable(
          "The instructions make an invalid plan: " + invalid.getMessage(), 0, text.length());
    }
    List<String> warnings = new ArrayList<>();
    for (WordTypos.Correction correction : corrections) {
      warnings.add("Read '" + correction.token().text() + "' as '" + correction.meant() + "'.");
    }
    warnings.addAll(Contradictions.find(steps));
    return ParseResult.parsed(plan, warnings);
  }

  private static ParseDetail detail(ParseFailure failure) {
    return new ParseDetail(failure.getMessage(), failure.start(), failure.end());
  }
}
