package dev.switchboard.instruction;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in parser first, the language model only when the built-in parser cannot read the text.
 *
 * <p>Why this order: the built-in parser is deterministic, free, offline and answers in well under
 * a millisecond, and it rejects what it does not understand instead of guessing, so a plan it
 * returns needs no second opinion. The model then only sees the phrasings the grammar does not
 * know. Its answer goes through the same schema validation; when it fails too, the caller gets the
 * built-in parser's details (which point at the unreadable words) followed by the model's. Empty
 * and over-long text is never sent to the model.
 */
final class FallbackParser implements InstructionParser {

  private final InstructionParser builtIn;
  private final InstructionParser languageModel;

  FallbackParser(InstructionParser builtIn, InstructionParser languageModel) {
    this.builtIn = builtIn;
    this.languageModel = languageModel;
  }

  @Override
  public ParseResult parse(String instructions) {
    ParseResult first = builtIn.parse(instructions);
    if (first instanceof ParseResult.Parsed
        || instructions == null
        || instructions.isBlank()
        || instructions.length() > BuiltInParser.MAX_LENGTH) {
      return first;
    }
    List<ParseDetail> builtInDetails = ((ParseResult.Unparseable) first).details();
    return switch (languageModel.parse(instructions)) {
      case ParseResult.Parsed parsed -> {
        List<String> warnings = new ArrayList<>(parsed.warnings());
        warnings.add(
            "Read by the language model; the built-in parser could not: "
                + String.join(" ", builtInDetails.stream().map(ParseDetail::message).toList()));
        yield ParseResult.parsed(parsed.plan(), warnings);
      }
      case ParseResult.Unparseable failed -> {
        List<ParseDetail> details = new ArrayList<>(builtInDetails);
        details.addAll(failed.details());
        yield ParseResult.unparseable(details);
      }
    };
  }
}
