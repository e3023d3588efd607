package dev.switchboard.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackParserTest {

  private final List<String> askedTheModel = new ArrayList<>();

  private InstructionParser model(ParseResult answer) {
    return text -> {
      askedTheModel.add(text);
      return answer;
    };
  }

  private static final Plan MODEL_PLAN =
      new Plan(List.of(new Step.Action(ActionType.WAIT, Map.of("duration", "P1D"))));

  @Test
  void text_the_built_in_parser_reads_never_reaches_the_model() {
    InstructionParser parser =
        new FallbackParser(new BuiltInParser(), model(ParseResult.parsed(MODEL_PLAN, List.of())));

    ParseResult result = parser.parse("Send email using template 'Intro'");

    assertThat(askedTheModel).isEmpty();
    assertThat(((ParseResult.Parsed) result).plan().steps().getFirst())
        .isEqualTo(new Step.Action(ActionType.SEND_EMAIL, Map.of("template", "Intro")));
  }

  @Test
  void text_the_built_in_parser_cannot_read_goes_to_the_model_with_a_warning() {
    InstructionParser parser =
        new FallbackParser(new BuiltInParser(), model(ParseResult.parsed(MODEL_PLAN, List.of())));

    ParseResult result = parser.parse("Snooze this lead till tomorrow");

    assertThat(askedTheModel).containsExactly("Snooze this lead till tomorrow");
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.plan()).isEqualTo(MODEL_PLAN);
    assertThat(parsed.warnings())
        .singleElement()
        .asString()
        .startsWith("Read by the language model; the built-in parser could not: I don't know");
  }

  @Test
  void when_both_fail_the_built_in_details_come_first_then_the_models() {
    InstructionParser parser =
        new FallbackParser(
            new BuiltInParser(),
            model(
                ParseResult.unparseable("The language model did not answer within 30 s.", 0, 11)));

    ParseResult result = parser.parse("Order pizza");

    assertThat(((ParseResult.Unparseable) result).details())
        .extracting(ParseDetail::message)
        .containsExactly(
            "I don't know how to 'Order pizza'", "The language model did not answer within 30 s.");
  }

  @Test
  void empty_and_over_long_text_is_not_sent_to_the_model() {
    InstructionParser parser =
        new FallbackParser(new BuiltInParser(), model(ParseResult.parsed(MODEL_PLAN, List.of())));

    assertThat(parser.parse("")).isInstanceOf(ParseResult.Unparseable.class);
    assertThat(parser.parse("x".repeat(BuiltInParser.MAX_LENGTH + 1)))
        .isInstanceOf(ParseResult.Unparseable.class);
    assertThat(askedTheModel).isEmpty();
  }
}
