package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.ParseDetail;
import dev.switchboard.instruction.ParseResult;
import dev.switchboard.plan.InvalidPlanException;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.PlanJson;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    try {
      return parseChecked(text);
    } catch (StackOverflowError tooDeep) {
      return ParseResult.unparseable(
          "The instructions are too deeply nested to read.", 0, text.length());
    }
  }

  /** A reading after a refusal without some of the words, or empty when it skips nothing. */
  private interface Fallback {
    Optional<Reread> reread(String text, List<Token> tokens, List<ParseDetail> refusal);
  }

  private static final List<Fallback> FALLBACKS =
      List.of(Tickets::read, EventClauses::skip, QuotedLines::skip);

  /** {@link #parse} of text that is neither blank nor too long. */
  private static ParseResult parseChecked(String text) {
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
    ParseResult result = readAny(text, tokens);
    if (!(result instanceof ParseResult.Unparseable refused)) {
      return result;
    }
    // Refused: a ticket is read as its steps, an event clause and lines quoted from an earlier
    // message are skipped; what the steps refuse is what the author sees.
    List<String> skipped = new ArrayList<>();
    for (Fallback fallback : FALLBACKS) {
      Optional<Reread> reread = fallback.reread(text, tokens, refused.details());
      if (reread.isEmpty()) {
        continue;
      }
      skipped.addAll(reread.get().warnings());
      result = readAny(text, reread.get().tokens());
      if (!(result instanceof ParseResult.Unparseable steps)) {
        return withWarnings(result, skipped);
      }
      tokens = reread.get().tokens();
      refused = steps;
    }
    // Refused: read once more without the sentences that only tell a story, if there are any.
    Background.Dropped story = Background.drop(text, tokens, refused.details());
    if (story != null && readAny(text, story.tokens()) instanceof ParseResult.Parsed parsed) {
      for (String sentence : story.sentences()) {
        skipped.add(Reread.saysNothing(sentence));
      }
      return withWarnings(parsed, skipped);
    }
    // Refused still: the story may stand beside words the table reads ("Run an Apollo enrichment
    // on this contact, their phone number bounced."): drop it from the rewritten words.
    Normalised rewritten = normalised(text, tokens);
    if (!rewritten.tokens().equals(tokens)
        && read(text, rewritten.tokens(), List.of()) instanceof ParseResult.Unparseable again) {
      Background.Dropped rewrittenStory =
          Background.drop(text, rewritten.tokens(), again.details());
      if (rewrittenStory != null) {
        List<String> notes = new ArrayList<>(skipped);
        notes.addAll(rewritten.notes());
        for (String sentence : rewrittenStory.sentences()) {
          notes.add(Reread.saysNothing(sentence));
        }
        if (read(text, rewrittenStory.tokens(), notes) instanceof ParseResult.Parsed parsed) {
          return parsed;
        }
      }
    }
    return refused;
  }

  /** A plan with {@code more} warnings after its own. */
  private static ParseResult withWarnings(ParseResult result, List<String> more) {
    if (!(result instanceof ParseResult.Parsed parsed)) {
      return result;
    }
    List<String> warnings = new ArrayList<>(parsed.warnings());
    warnings.addAll(more);
    return ParseResult.parsed(parsed.plan(), warnings);
  }

  /** The tokens read as written, then reread, then below a heading; the first that reads. */
  private static ParseResult readAny(String text, List<Token> tokens) {
    ParseResult asWritten = read(text, tokens, List.of());
    if (!(asWritten instanceof ParseResult.Unparseable refused)) {
      return asWritten;
    }
    // Refused as written: read again, then without a heading line the reading stopped at, if it is
    // one (and reads as no step of its own). The refusal as written is what the author sees when
    // nothing reads, unless the text has such a heading: then the refusal below it.
    ParseResult again = reread(text, tokens);
    if (again != null) {
      return again;
    }
    Optional<Headings.Split> headed = Headings.split(text, tokens, refused.details());
    if (headed.isPresent()
        && !(read(text, headed.get().heading(), List.of()) instanceof ParseResult.Parsed)) {
      List<Token> below = headed.get().below();
      List<String> skipped = List.of(Reread.saysNothing(headed.get().written()));
      ParseResult belowHeading = read(text, below, skipped);
      if (belowHeading instanceof ParseResult.Parsed) {
        return belowHeading;
      }
      again = reread(text, below);
      // Refused below the heading too: the refusal points at what it could not read there.
      return again != null ? again : belowHeading;
    }
    return asWritten;
  }

  /**
   * {@code tokens}, refused as they are, read with word slips corrected, then with the
   * normalisation table applied (filler dropped, synonyms read as the grammar's words), then with
   * both, in either order; {@code null} when none of them reads.
   */
  private static ParseResult reread(String text, List<Token> tokens) {
    if (corrected(text, tokens, List.of()) instanceof ParseResult.Parsed parsed) {
      return parsed;
    }
    Normalised rewritten = normalised(text, tokens);
    List<String> notes = rewritten.notes();
    if (!rewritten.tokens().equals(tokens)) {
      if (read(text, rewritten.tokens(), notes) instanceof ParseResult.Parsed parsed) {
        return parsed;
      }
      if (corrected(text, rewritten.tokens(), notes) instanceof ParseResult.Parsed parsed) {
        return parsed;
      }
    }
    // "they recieve the 'X' template": a slip in the words a table row reads
    List<WordTypos.Correction> corrections = WordTypos.find(tokens);
    if (!corrections.isEmpty()) {
      Normalised both = normalised(text, WordTypos.apply(tokens, corrections));
      List<String> all = new ArrayList<>();
      for (WordTypos.Correction correction : corrections) {
        all.add(note(correction.token().text(), correction.meant()));
      }
      all.addAll(both.notes());
      if (read(text, both.tokens(), all) instanceof ParseResult.Parsed parsed) {
        return parsed;
      }
    }
    return null;
  }

  /**
   * Questions read as checks ({@link Questions}), passives read as orders, the normalisation table
   * applied, then wishes read as orders ({@link Wishes}), conditions glossed with their field read
   * as its check ({@link FieldGlosses}), a timeline's days read as waits ({@link DayMarkers}),
   * reasons and descriptions dropped ({@link Reasons}), and actions on a search read as the search
   * and the action ({@link SearchObjects}).
   */
  private static Normalised normalised(String text, List<Token> tokens) {
    Rewrites.Result rewritten = Rewrites.apply(Wishes.passives(Questions.apply(text, tokens)));
    Reasons.Dropped reasoned =
        Reasons.drop(text, DayMarkers.apply(FieldGlosses.apply(Wishes.apply(rewritten.tokens()))));
    List<String> notes = new ArrayList<>();
    for (Rewrites.Rewrite rewrite : rewritten.synonyms()) {
      notes.add(note(rewrite.written(), rewrite.meant()));
    }
    reasoned.descriptions().forEach(sentence -> notes.add(Reread.saysNothing(sentence)));
    return new Normalised(SearchObjects.apply(text, reasoned.tokens()), notes);
  }

  /** Tokens after the normalisation pass, and what the warnings say it read as what or skipped. */
  private record Normalised(List<Token> tokens, List<String> notes) {}

  /** {@code tokens} read with their word slips corrected; {@code null} when there are none. */
  private static ParseResult corrected(String text, List<Token> tokens, List<String> notes) {
    List<WordTypos.Correction> corrections = WordTypos.find(tokens);
    if (corrections.isEmpty()) {
      return null;
    }
    List<String> all = new ArrayList<>(notes);
    for (WordTypos.Correction correction : corrections) {
      all.add(note(correction.token().text(), correction.meant()));
    }
    return read(text, WordTypos.apply(tokens, corrections), all);
  }

  /**
   * Reads the tokens; a plan read from rewritten tokens carries {@code notes} on what was read as
   * what.
   */
  private static ParseResult read(String text, List<Token> tokens, List<String> notes) {
    PlanGrammar grammar = new PlanGrammar(new Cursor(text, tokens));
    List<Step> steps = grammar.plan();
    if (!grammar.failures().isEmpty()) {
      return ParseResult.unparseable(
          grammar.failures().stream().map(failure -> suggested(failure, tokens)).toList());
    }
    if (steps.isEmpty()) {
      return ParseResult.unparseable("There is no action in these instructions.", 0, text.length());
    }
    Plan plan = new Plan(TagRuns.merge(RestatedElse.fold(steps)));
    try {
      PlanJson.read(PlanJson.write(plan));
    } catch (InvalidPlanException invalid) {
      return ParseResult.unparseable(
          "The instructions make an invalid plan: " + invalid.getMessage(), 0, text.length());
    }
    List<String> warnings = new ArrayList<>(notes);
    grammar.skipped().forEach(sentence -> warnings.add(Reread.saysNothing(sentence)));
    warnings.addAll(Contradictions.find(steps));
    return ParseResult.parsed(plan, warnings);
  }

  /** The failure's detail, with the nearest supported phrasing when its words name an action. */
  private static ParseDetail suggested(ParseFailure failure, List<Token> tokens) {
    String message = failure.getMessage();
    if (!message.contains("Did you mean")) {
      message +=
          Suggestions.forSpan(
              tokens, failure.start(), failure.end(), message.contains("this condition"));
    }
    return new ParseDetail(message, failure.start(), failure.end());
  }

  private static ParseDetail detail(ParseFailure failure) {
    return new ParseDetail(failure.getMessage(), failure.start(), failure.end());
  }

  /** What the warnings of a plan read from rewritten or corrected words say. */
  private static String note(String written, String meant) {
    return "Read '" + written + "' as '" + meant + "'.";
  }
}
