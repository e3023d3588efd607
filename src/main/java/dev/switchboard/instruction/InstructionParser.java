package dev.switchboard.instruction;

/**
 * Compiles plain-language agent instructions into a {@link dev.switchboard.plan.Plan}.
 *
 * <p>The application's bean is the built-in parser, or, when a language model is configured ({@code
 * SWITCHBOARD_LLM_PROVIDER}), the built-in parser with the model as its fallback. Callers such as
 * {@code POST /api/workspaces/{ws}/instructions/parse} answer a {@link ParseResult.Unparseable}
 * with 422 {@value ParseResult#ERROR_CODE} and its details.
 */
public interface InstructionParser {

  /**
   * Parses the instructions; never throws for bad text: unreadable text is a {@link
   * ParseResult.Unparseable} whose details point at the part that could not be read.
   */
  ParseResult parse(String instructions);
}
