package dev.switchboard.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Condition;
import dev.switchboard.plan.Operator;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInParserTest {

  private final InstructionParser parser = new BuiltInParser();

  private Plan plan(String text) {
    ParseResult result = parser.parse(text);
    assertThat(result).as("parse of %s", text).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).plan();
  }

  private List<ParseDetail> rejection(String text) {
    ParseResult result = parser.parse(text);
    assertThat(result).as("parse of %s", text).isInstanceOf(ParseResult.Unparseable.class);
    return ((ParseResult.Unparseable) result).details();
  }

  private static Step.Action action(Plan plan, int index) {
    return (Step.Action) plan.steps().get(index);
  }

  @Test
  void a_plain_action_compiles_to_its_step() {
    Plan plan = plan("Send email using template 'Outbound v2'");

    assertThat(plan.steps())
        .containsExactly(new Step.Action(ActionType.SEND_EMAIL, Map.of("template", "Outbound v2")));
  }

  @Test
  void casual_phrasings_name_the_same_actions() {
    assertThat(action(plan("shoot them an email with the 'Hi' template"), 0).type())
        .isEqualTo(ActionType.SEND_EMAIL);
    assertThat(action(plan("drop them a note using template 'Hi'"), 0).type())
        .isEqualTo(ActionType.SEND_EMAIL);
    assertThat(action(plan("ping them on LinkedIn"), 0).type())
        .isEqualTo(ActionType.LINKEDIN_INVITE);
    assertThat(action(plan("hold off for 3 days"), 0).params()).containsEntry("duration", "P3D");
    assertThat(action(plan("loop in the rep"), 0).params()).containsEntry("to", "@user.salesRep");
    assertThat(action(plan("google @company.name funding"), 0).params())
        .containsEntry("query", "@company.name funding");
  }

  @Test
  void steps_keep_the_order_of_the_text_across_lists_and_sentences() {
    Plan plan =
        plan(
            "1. Enrich the contact\n2. Wait two weeks\n3. Then add tag 'Done'. Finally loop in"
                + " @user.salesRep.");

    assertThat(plan.steps())
        .extracting(step -> ((Step.Action) step).type())
        .containsExactly(
            ActionType.ENRICH_CONTACT, ActionType.WAIT, ActionType.ADD_TAG, ActionType.HANDOFF);
    assertThat(action(plan, 1).params()).containsEntry("duration", "P14D");
  }

  @Test
  void money_becomes_a_plain_number() {
    Plan plan = plan("If the deal value is over $10,000, add tag 'Big'. Update deal value to 25K");

    Step.If branch = (Step.If) plan.steps().get(0);
    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("deal.value", Operator.GT, 10000));
    assertThat(action(plan, 1).params()).containsEntry("value", 25000);
  }

  @Test
  void money_in_rupees_yen_and_reais_is_read_in_the_way_each_is_written() {
    assertThat(action(plan("Kindly update the deal value to ₹5,00,000."), 0).params())
        .containsEntry("value", 500000);
    assertThat(
            ((Step.If) plan("If deal value is under 1,000,000 yen, add tag 'Small'").steps().get(0))
                .condition())
        .isEqualTo(new Condition.Compare("deal.value", Operator.LT, 1000000));
    assertThat(
            ((Step.If) plan("If the deal is more than R$ 50.000, add tag 'Big'").steps().get(0))
                .condition())
        .isEqualTo(new Condition.Compare("deal.value", Operator.GT, 50000));
  }

  @Test
  void a_numeric_field_takes_a_spelled_number_even_when_the_next_step_follows_without_a_comma() {
    Step.If branch =
        (Step.If)
            plan("if the deal is over fifty grand hand it off to @user.enterpriseRep")
                .steps()
                .get(0);
    Plan update = plan("update the deal value to seventy five thousand dollars");
    Plan search =
        plan("find contacts with a lead score of at least two hundred and five and tag them 'A'");

    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("deal.value", Operator.GT, 50000));
    assertThat(action(update, 0).params()).containsEntry("value", 75000);
    assertThat(action(search, 0).params().get("filters").toString()).contains("value=205");
    // a text field keeps the words
    assertThat(action(plan("set the contact field 'status' to 'seventy'"), 0).params())
        .containsEntry("value", "seventy");
  }

  @Test
  void a_speaker_s_correction_replaces_the_value_it_names_and_nothing_else() {
    assertThat(
            plan("wait five days no wait make that three days and then send the 'Check In' template")
                .steps())
        .first()
        .isEqualTo(new Step.Action(ActionType.WAIT, Map.of("duration", "P3D")));
    assertThat(
            action(
                    plan(
                        "Find contacts where city is 'Toronto', no sorry, 'Montreal' and tag them 'FR'"),
                    0)
                .params()
                .get("filters")
                .toString())
        .contains("Montreal")
        .doesNotContain("Toronto");
    // nothing before it to correct: the text is read as written, and refused
    assertThat(rejection("no wait, make that the 'Intro' template")).isNotEmpty();
  }

  @Test
  void sub_clauses_lettered_or_in_roman_numerals_are_list_items_and_a_listed_search_reads_each() {
    Plan plan =
        plan(
            "1. Search contacts matching any of the following:\n   (a) title contains 'VP';\n"
                + "   (b) title contains 'Chief'.\n2. Then hand off to @user.execSales.");
    Plan roman = plan("(i) wait two (2) days;\n(ii) add tag 'Waited'.");
    Plan lettered = plan("A. Add tag 'A'.\nB. Remove tag 'B'.");

    assertThat(action(plan, 0).params())
        .containsEntry("match", "any")
        .extractingByKey("filters")
        .asString()
        .contains("VP", "Chief");
    assertThat(action(plan, 1).type()).isEqualTo(ActionType.HANDOFF);
    assertThat(action(roman, 0).params()).containsEntry("duration", "P2D");
    assertThat(action(roman, 1).type()).isEqualTo(ActionType.ADD_TAG);
    assertThat(action(lettered, 1).type()).isEqualTo(ActionType.REMOVE_TAG);
  }

  @Test
  void a_verb_written_last_is_read_first_unless_the_clause_has_its_verb() {
    assertThat(plan("Please 3 hours wait, then email with template 'Thank You'").steps())
        .first()
        .isEqualTo(new Step.Action(ActionType.WAIT, Map.of("duration", "PT3H")));
    assertThat(action(plan("li invite w note 'hey there'"), 0).params())
        .containsEntry("note", "hey there");
  }

  @Test
  void dictated_hesitations_and_a_ticket_s_backticked_numbers_are_read_through() {
    assertThat(action(plan("okay so um send them the 'Intro' template"), 0).type())
        .isEqualTo(ActionType.SEND_EMAIL);
    assertThat(
            action(plan("When the agent runs it sets contact field `leadScore` to `0`"), 0)
                .params())
        .containsEntry("value", 0);
    assertThat(action(plan("AC: agent sends template `Outbound v2` to the contact."), 0).params())
        .containsEntry("template", "Outbound v2");
  }

  @Test
  void no_reply_after_n_days_waits_then_checks_the_reply() {
    Plan plan = plan("If no reply after 5 days, send email using template 'Follow-up'");

    assertThat(plan.steps().get(0))
        .isEqualTo(new Step.Action(ActionType.WAIT, Map.of("duration", "P5D")));
    assertThat(((Step.If) plan.steps().get(1)).condition())
        .isEqualTo(new Condition.Compare("contact.replied", Operator.EQ, false));
  }

  @Test
  void empty_or_missing_fields_are_a_negated_exists() {
    Step.If branch =
        (Step.If) plan("If contact.phone is missing, add tag 'No Phone'").steps().get(0);

    assertThat(branch.condition())
        .isEqualTo(
            new Condition.Not(new Condition.Compare("contact.phone", Operator.EXISTS, true)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Book a flight to Paris for next Tuesday",
        "Order 30 pizzas for the Friday team lunch",
        "Delete the database",
        "Transfer $5,000 from our bank account to the vendor",
        "asdf qwer zxcv blorp flim 42 ;;",
        "Make me a sandwich",
        "Search my inbox for invoices"
      })
  void text_outside_the_action_catalogue_is_rejected(String text) {
    assertThat(rejection(text)).isNotEmpty();
  }

  @Test
  void the_detail_names_and_spans_the_unreadable_clause() {
    String text = "Send email using template 'Intro', then book a flight to Paris";

    ParseDetail detail = rejection(text).getFirst();

    assertThat(detail.message()).isEqualTo("I don't know how to 'book a flight to Paris'");
    assertThat(text.substring(detail.start(), detail.end())).isEqualTo("book a flight to Paris");
  }

  @Test
  void one_unreadable_clause_rejects_the_whole_instruction_and_every_problem_is_reported() {
    List<ParseDetail> details =
        rejection("Add tag 'A'. Order pizza. Send email using template 'B'. Dance a jig.");

    assertThat(details)
        .extracting(ParseDetail::message)
        .containsExactly("I don't know how to 'Order pizza'", "I don't know how to 'Dance a jig'");
  }

  @Test
  void empty_text_is_rejected() {
    assertThat(rejection(""))
        .extracting(ParseDetail::message)
        .containsExactly("There are no instructions to parse.");
    assertThat(rejection("  \n\t ")).hasSize(1);
    assertThat(rejection(null)).hasSize(1);
  }

  @Test
  void text_over_the_limit_is_rejected_as_too_long_without_being_read() {
    String huge = "Add tag 'X', ".repeat(8_000);

    List<ParseDetail> details =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> rejection(huge));

    assertThat(huge.length()).isGreaterThan(100_000);
    assertThat(details.getFirst().message()).contains("too long").contains("10000");
    assertThat(details.getFirst().start()).isEqualTo(BuiltInParser.MAX_LENGTH);
    assertThat(details.getFirst().end()).isEqualTo(huge.length());
  }

  @Test
  void text_just_under_the_limit_is_read_in_reasonable_time() {
    String many = "add tag 'X' and wait 1 day, ".repeat(350);
    assertThat(many.length()).isLessThan(BuiltInParser.MAX_LENGTH);

    Plan plan = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> plan(many));

    assertThat(plan.size()).isEqualTo(700);
  }

  @Test
  void html_and_script_outside_quotes_are_rejected_as_text() {
    assertThat(rejection("<script>alert('hi')</script>")).isNotEmpty();
  }

  @Test
  void html_and_script_inside_quotes_are_kept_verbatim() {
    Plan plan =
        plan("Send an email with subject '<b>Hi</b>' and body '<script>alert(\"x\")</script>'");

    assertThat(action(plan, 0).params())
        .containsEntry("subject", "<b>Hi</b>")
        .containsEntry("body", "<script>alert(\"x\")</script>");
  }

  @Test
  void unicode_quotes_and_emoji_are_kept_inside_quotes() {
    Plan plan = plan("Add tags “VIP 🔥”, ‘Don’t call’ and \"Café\"");

    assertThat(action(plan, 0).params().get("tags"))
        .isEqualTo(List.of("VIP 🔥", "Don’t call", "Café"));
  }

  @Test
  void quotes_of_other_languages_quote() {
    assertThat(action(plan("Send template «Angebot Q1»"), 0).params())
        .containsEntry("template", "Angebot Q1");
    assertThat(action(plan("Add tags „Heiß“, »Neu« and ‹Oslo›"), 0).params().get("tags"))
        .isEqualTo(List.of("Heiß", "Neu", "Oslo"));
  }

  @Test
  void a_short_heading_line_above_the_steps_is_a_title() {
    Plan plan = plan("Renewal push\n1. Add tag 'Renewal'\n2. Wait 3 days");

    assertThat(plan.steps()).hasSize(2);
    assertThat(action(plan, 0).params().get("tags")).isEqualTo(List.of("Renewal"));
    assertThat(rejection("Renewal push")).isNotEmpty();
    assertThat(rejection("Subject:\nBody:\nTemplate: ???")).isNotEmpty();
    assertThat(rejection("Renewal push\n1. Phone them\n2. Wait 3 days").getFirst().start())
        .as("the refusal points at the step it could not read, not the heading")
        .isGreaterThan(0);
  }

  @Test
  void an_if_label_line_with_then_and_else_lines_is_a_branch() {
    Plan plan = plan("If: company.employees >= 500\nThen: add tag 'Large'\nElse: add tag 'Small'");

    Step.If branch = (Step.If) plan.steps().getFirst();
    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("company.employees", Operator.GE, 500));
    assertThat(((Step.Action) branch.then().getFirst()).params().get("tags"))
        .isEqualTo(List.of("Large"));
    assertThat(((Step.Action) branch.otherwise().getFirst()).params().get("tags"))
        .isEqualTo(List.of("Small"));
  }

  @Test
  void emoji_outside_quotes_are_decoration() {
    Plan plan = plan("🚀 Send email using template 'Launch' 🎉");

    assertThat(action(plan, 0).params()).containsEntry("template", "Launch");
  }

  @Test
  void unknown_variables_are_kept_intact() {
    Plan plan =
        plan(
            "If @contact.nonexistent exists, send email with subject 'Hi'"
                + " and body 'About @contact.nonexistent and @search.results[2].title'");

    Step.If branch = (Step.If) plan.steps().getFirst();
    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("contact.nonexistent", Operator.EXISTS, true));
    assertThat(((Step.Action) branch.then().getFirst()).params())
        .containsEntry("body", "About @contact.nonexistent and @search.results[2].title");
  }

  @Test
  void contradictory_tags_are_both_kept_in_order_with_a_warning() {
    ParseResult result = parser.parse("Add tag 'Hot' and remove tag 'hot'");

    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.plan().steps())
        .extracting(step -> ((Step.Action) step).type())
        .containsExactly(ActionType.ADD_TAG, ActionType.REMOVE_TAG);
    assertThat(parsed.warnings()).singleElement().asString().contains("added and then removed");
  }

  @Test
  void waits_longer_than_90_days_are_rejected() {
    assertThat(rejection("Wait 4 months").getFirst().message()).contains("90 days");
  }

  @Test
  void an_unclosed_quote_is_pointed_at() {
    String text = "Add tag 'Hot and send email";

    ParseDetail detail = rejection(text).getFirst();

    assertThat(detail.message()).contains("never closed");
    assertThat(detail.start()).isEqualTo(text.indexOf('\''));
  }

  @Test
  void an_email_without_template_or_subject_is_not_guessed() {
    assertThat(rejection("Email them").getFirst().message()).startsWith("Which email?");
  }

  @Test
  void plan_or_throw_gives_the_plan_or_the_details() {
    assertThat(parser.parse("Wait 2 hours").planOrThrow().size()).isEqualTo(1);
    assertThatThrownBy(() -> parser.parse("Order pizza").planOrThrow())
        .isInstanceOf(UnparseableInstructionsException.class)
        .satisfies(e -> assertThat(((UnparseableInstructionsException) e).details()).hasSize(1));
  }

  @Test
  void a_heading_before_a_colon_is_skipped_but_an_action_before_a_colon_is_a_step() {
    assertThat(plan("Prepare the account: set company field 'tier' to 'Enterprise'").steps())
        .extracting(step -> ((Step.Action) step).type())
        .containsExactly(ActionType.UPDATE_FIELD);
    assertThat(plan("Research the company first: search the web for 'Acme news'").steps())
        .extracting(step -> ((Step.Action) step).type())
        .containsExactly(ActionType.WEB_SEARCH);
    assertThat(plan("Enrich them, and then: if contact.phone exists, add tag 'A'").steps())
        .hasSize(2)
        .first()
        .isEqualTo(new Step.Action(ActionType.ENRICH_CONTACT, Map.of()));
    assertThat(plan("Find contacts in Berlin: tag them 'B'").steps())
        .extracting(step -> ((Step.Action) step).type())
        .containsExactly(ActionType.SEARCH_CONTACTS, ActionType.ADD_TAG);
  }

  @Test
  void it_after_check_the_field_means_that_field() {
    Step.If branch =
        (Step.If) plan("Check the lead score: if it is over 80, add tag 'Hot'").steps().getFirst();

    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("contact.leadScore", Operator.GT, 80));
  }

  @Test
  void a_typo_in_a_variable_is_refused_with_its_span_and_the_variable_meant() {
    String text = "Send email with subject 'Hi @contcat.firstName' and body 'Hello'";

    ParseDetail detail = rejection(text).getFirst();

    assertThat(detail.message()).contains("Did you mean: '@contact.firstName'?");
    assertThat(text.substring(detail.start(), detail.end())).isEqualTo("@contcat.firstName");
    assertThat(plan("If contact.email contains '@gmail.com', add tag 'Personal'").steps())
        .hasSize(1);
  }

  @Test
  void a_template_name_with_and_in_quotes_stays_one_name() {
    assertThat(action(plan("Send email using template 'Sales and Marketing'"), 0).params())
        .containsEntry("template", "Sales and Marketing");
  }

  @Test
  void text_in_another_language_is_refused_with_its_span() {
    String text = "Envoyez un e-mail avec le modèle 'Intro'";

    assertThat(rejection(text).getFirst().start()).isZero();
  }

  @Test
  void a_refusal_suggests_the_nearest_supported_phrasing_when_its_words_name_an_action() {
    String text = "Order pizza and tag them 'Lunch'";

    ParseDetail detail = rejection(text).getFirst();

    assertThat(detail.message()).endsWith(". Did you mean: add tag 'Lunch'?");
    assertThat(text.substring(detail.start(), detail.end())).isEqualTo(text);
    assertThat(rejection("Unlabel everything on them").getFirst().message())
        .contains("Did you mean: remove tag 'Tag name'?");
    assertThat(rejection("If the vibe is good, tag 'A'").getFirst().message())
        .contains("Did you mean: if contact.leadScore is over 50");
    assertThat(rejection("Book a flight to Paris").getFirst().message())
        .doesNotContain("Did you mean");
  }

  @Test
  void words_one_slip_away_are_read_as_meant_and_the_plan_says_so() {
    ParseResult result = new BuiltInParser().parse("Serach contacts wiht title contians 'CTO'");

    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.plan().steps()).hasSize(1);
    assertThat(parsed.warnings())
        .contains("Read 'Serach' as 'search'.", "Read 'contians' as 'contains'.");
    assertThat(rejection("Set the lead score to the lead score times two")).isNotEmpty();
  }

  @Test
  void a_letter_is_read_for_its_request_and_its_envelope_and_background_mean_nothing() {
    Plan plan =
        plan(
            "Hi Diego,\n\nThe Globex pilot ended last week. Everyone who took part has a globex.com"
                + " address.\n\nI'd like the agent to find the contacts whose email contains"
                + " '@globex.com' and send each of them the 'Globex Follow-up' template.\n\n"
                + "Talk soon,\nIrene");

    assertThat(plan.steps()).hasSize(2);
    assertThat(action(plan, 0).type()).isEqualTo(ActionType.SEARCH_CONTACTS);
    assertThat(action(plan, 1).params()).isEqualTo(Map.of("template", "Globex Follow-up"));
    rejection(
        "Hi Jamal,\n\nThe SDR team is short-staffed this week.\n\nI'd like the agent to call each"
            + " lead with a lead score above 70 from the dialer.\n\nBest,\nSusan");
    rejection("Hi Jamal,\n\nThe SDR team is short-staffed this week.\n\nBest,\nSusan");
  }

  @Test
  void a_question_asked_with_check_whether_is_answered_no_by_if_they_have_not() {
    Plan plan =
        plan(
            "The agent should wait 12 hours and then check whether the contact has replied; if"
                + " they haven't, it should send the 'Same-Day Nudge' template.");

    Step.If branch = (Step.If) plan.steps().get(1);
    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("contact.replied", Operator.EQ, false));
    assertThat(branch.then()).hasSize(1);
  }

  @Test
  void unbalanced_parentheses_are_refused_with_a_span() {
    String open = "If (deal.value > 5000 and contact.leadScore > 50, add tag 'Big'";
    String close = "Add tag 'A') and wait 2 days";

    for (String text : List.of(open, close)) {
      List<ParseDetail> details = rejection(text);
      assertThat(details).isNotEmpty();
      assertThat(details.getFirst().end()).isGreaterThan(details.getFirst().start());
      assertThat(details.getFirst().end()).isLessThanOrEqualTo(text.length());
    }
  }

  @Test
  void two_hundred_numbered_steps_are_read_in_order_in_bounded_time() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      text.append(i)
          .append(i % 2 == 0 ? ". Add tag 'T" : ". Remove tag 'T")
          .append(i)
          .append("'\n");
    }

    Plan plan = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> plan(text.toString()));

    assertThat(plan.size()).isEqualTo(200);
    assertThat(((Step.Action) plan.steps().get(199)).params().get("tags"))
        .isEqualTo(List.of("T200"));
  }

  @Test
  void a_specification_in_the_formal_register_reads_as_its_steps() {
    Plan plan =
        plan(
            "1. The system shall wait for a period of three (3) days. 2. Upon completion of the"
                + " aforementioned waiting period, the system shall dispatch an email utilising the"
                + " template 'Contract Reminder'.");

    assertThat(action(plan, 0).params()).isEqualTo(Map.of("duration", "P3D"));
    assertThat(action(plan, 1).params()).isEqualTo(Map.of("template", "Contract Reminder"));
    Plan roman =
        plan(
            "The system shall: (i) enrich the contact; (ii) conduct a web search for"
                + " '@company.name annual report'; and (iii) create a task entitled 'Review' due"
                + " in three (3) days.");
    assertThat(roman.steps()).hasSize(3);
    assertThat(action(roman, 2).params()).containsEntry("title", "Review");
  }

  @Test
  void not_more_than_after_and_bounds_the_field_just_compared() {
    Plan plan =
        plan(
            "In the event that the deal value is not less than USD 50,000 and not more than USD"
                + " 500,000, hand off to @user.regionalDirector");

    Step.If branch = (Step.If) plan.steps().getFirst();
    assertThat(branch.condition())
        .isEqualTo(
            new Condition.All(
                List.of(
                    new Condition.Compare("deal.value", Operator.GE, 50000),
                    new Condition.Compare("deal.value", Operator.LE, 500000))));
  }

  @Test
  void has_with_a_bare_value_or_several_is_contains() {
    Plan plan = plan("if title has CEO or Founder or Owner in it, tag them 'Exec'");

    Step.If branch = (Step.If) plan.steps().getFirst();
    assertThat(branch.condition())
        .isEqualTo(
            new Condition.Any(
                List.of(
                    new Condition.Compare("contact.title", Operator.CONTAINS, "CEO"),
                    new Condition.Compare("contact.title", Operator.CONTAINS, "Founder"),
                    new Condition.Compare("contact.title", Operator.CONTAINS, "Owner"))));
    Step.If presence =
        (Step.If) plan("if they have a LinkedIn URL, tag them 'Social'").steps().get(0);
    assertThat(presence.condition())
        .isEqualTo(new Condition.Compare("contact.linkedinUrl", Operator.EXISTS, true));
  }

  @Test
  void comparisons_a_filter_cannot_make_and_values_that_are_sentences_are_refused() {
    rejection("find contacts whose last name starts with 'Mc' and tag them 'Irish'");
    rejection("Is it possible to find contacts whose email ends with '.ac.uk'?");
    rejection(
        "The system shall update the contact field 'status' to such value as the Procurement"
            + " Director may determine at a later date.");
  }

  @Test
  void a_request_asked_as_a_question_with_a_slip_in_it_is_read() {
    ParseResult result =
        new BuiltInParser()
            .parse(
                "Can you make it so that if the company's industry is 'Healthcare', they recieve"
                    + " the 'Compliance Overview' template?");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.warnings()).contains("Read 'recieve' as 'receive'.");
    Plan wish =
        plan("I'd like the agent to wait 3 days and then folow up with the 'Nudge' template.");
    assertThat(action(wish, 1).params()).isEqualTo(Map.of("template", "Nudge"));
  }

  @Test
  void an_action_whose_object_is_a_search_runs_on_the_search() {
    Plan tagged = plan("Tag all contacts in Austin as 'Texas Roadshow'");
    assertThat(action(tagged, 0).params())
        .isEqualTo(
            Map.of(
                "filters", List.of(Map.of("field", "city", "operator", "==", "value", "Austin"))));
    assertThat(action(tagged, 1).params()).isEqualTo(Map.of("tags", List.of("Texas Roadshow")));
    Plan enriched = plan("enrich all contacts created today");
    assertThat(action(enriched, 0).type()).isEqualTo(ActionType.SEARCH_CONTACTS);
    assertThat(action(enriched, 1).type()).isEqualTo(ActionType.ENRICH_CONTACT);
    Plan one = plan("send the contact the 'Proposal Cover Letter' template");
    assertThat(one.steps()).hasSize(1);
    rejection("Tag everyone who visited the pricing page more than three times last week.");
  }

  @Test
  void contains_either_a_or_b_is_any_of_them() {
    Step.If branch =
        (Step.If)
            plan("If the title contains either 'CFO' or 'Finance', tag them 'Finance'")
                .steps()
                .getFirst();
    assertThat(branch.condition())
        .isEqualTo(
            new Condition.Any(
                List.of(
                    new Condition.Compare("contact.title", Operator.CONTAINS, "CFO"),
                    new Condition.Compare("contact.title", Operator.CONTAINS, "Finance"))));
  }

  @Test
  void a_rule_written_as_a_workflow_builder_shows_it_reads_as_its_steps() {
    String text =
        "Criteria: Contact.LeadScore >= 75\nAction 1: Add Tag 'MQL'\nAction 2: Hand off to"
            + " @user.salesRep";
    Step.If branch = (Step.If) plan(text).steps().getFirst();

    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("contact.leadScore", Operator.GE, 75));
    assertThat(branch.then()).hasSize(2);
    Plan form = plan("Action: Send Email | Template: 'Trial Day 1'");
    assertThat(action(form, 0).params()).isEqualTo(Map.of("template", "Trial Day 1"));
    Plan search = plan("Trigger: Find Contacts where Status == 'Lead'\nAction 1: Enrich Contact");
    assertThat(action(search, 0).type()).isEqualTo(ActionType.SEARCH_CONTACTS);
    assertThat(action(search, 1).type()).isEqualTo(ActionType.ENRICH_CONTACT);
  }

  @Test
  void an_industry_named_after_in_is_the_companys_industry_and_a_part_said_twice_counts_once() {
    Step.If branch =
        (Step.If)
            plan("Send them the 'Pricing' email, but only if they're in fintech.")
                .steps()
                .getFirst();
    assertThat(branch.condition())
        .isEqualTo(new Condition.Compare("company.industry", Operator.EQ, "fintech"));
    Step.If twice =
        (Step.If)
            plan("if they opened the email but havent replied (contact.opened_email == true and"
                    + " contact.replied == false) send 'Bump'")
                .steps()
                .getFirst();
    assertThat(((Condition.All) twice.condition()).parts()).hasSize(2);
  }

  @Test
  void bold_labels_read_as_labels_and_an_action_heading_over_a_whole_step_is_a_title() {
    Step.If branch =
        (Step.If)
            plan("**Condition:** contact has no LinkedIn URL\n**Then:** send \"Connect With"
                    + " Us\"\n**Else:** send LinkedIn invite")
                .steps()
                .getFirst();
    assertThat(branch.then()).hasSize(1);
    assertThat(branch.otherwise()).hasSize(1);
    Plan titled = plan("### Task\nCreate task 'Send swag' due in 7 days, assigned to @user.events");
    assertThat(action(titled, 0).params())
        .isEqualTo(Map.of("title", "Send swag", "dueInDays", 7, "assignee", "@user.events"));
    Plan form = plan("### Email\nTemplate: 'Intro'");
    assertThat(action(form, 0).params()).isEqualTo(Map.of("template", "Intro"));
  }

  @Test
  void a_reason_given_for_a_step_is_dropped_unless_it_quotes_a_value() {
    Plan plan =
        plan("Enrich the contact first, since titles change often, then send the 'QBR' template.");
    assertThat(plan.steps()).hasSize(2);
    assertThat(
            action(
                    plan(
                        "Because our customers love a personal touch, send the 'Thanks' template."),
                    0)
                .params())
        .isEqualTo(Map.of("template", "Thanks"));
    assertThat(plan("Tag them 'Reviewed' so the CSM can see it.").steps()).hasSize(1);
    rejection("Tag them 'Reviewed' because they asked for 'pricing'.");
  }

  @Test
  void a_sentence_or_clause_that_only_describes_the_situation_says_nothing_to_do() {
    Plan plan =
        plan(
            "Renewals over $100,000 need executive attention, so if the deal value is above"
                + " $100,000, hand off to @user.vp. Our health-check survey often goes unanswered.");
    assertThat(plan.steps()).hasSize(1);
    rejection("Tag them 'Reviewed'. Then call them tomorrow.");
    rejection("Our customers love a personal touch.");
  }

  @Test
  void a_german_writers_english_reads_as_meant() {
    Plan plan =
        plan(
            "Please make following: 1. Send the email with template 'Erstkontakt'. 2. After 3 days"
                + " is passed, in case of no answer, send the template 'Erinnerung'.");
    assertThat(plan.steps()).hasSize(3);
    Plan search =
        plan(
            "Please search the contacts which have 'CTO' in the title and which are living in the"
                + " city Munich, and add to them the tag 'Tech Lead Bavaria'.");
    assertThat(action(search, 0).params())
        .isEqualTo(
            Map.of(
                "filters",
                List.of(
                    Map.of("field", "title", "operator", "contains", "value", "CTO"),
                    Map.of("field", "city", "operator", "==", "value", "Munich"))));
  }

  @Test
  void steps_in_the_schemas_names_with_name_value_arguments_read_as_their_steps() {
    Plan plan =
        plan(
            "send_email template=\"Intro v3\"; wait \"P4D\"; if contact.replied == false =>"
                + " create_task title=\"Chase\" dueInDays=2 assignee=\"@user.sdr\"");
    assertThat(action(plan, 0).params()).isEqualTo(Map.of("template", "Intro v3"));
    assertThat(action(plan, 1).params()).isEqualTo(Map.of("duration", "P4D"));
    Step.If branch = (Step.If) plan.steps().get(2);
    assertThat(((Step.Action) branch.then().getFirst()).params())
        .isEqualTo(Map.of("title", "Chase", "dueInDays", 2, "assignee", "@user.sdr"));
    Plan set = plan("set contact.\"status\" = \"SQL\"");
    assertThat(action(set, 0).params())
        .isEqualTo(Map.of("entity", "contact", "field", "status", "value", "SQL"));
    rejection("SELECT * FROM contacts ORDER BY leadScore DESC LIMIT 10");
  }

  @Test
  void a_letter_with_an_addressee_in_lower_case_and_a_signature_after_small_talk_is_its_request() {
    assertThat(plan("Hi ops,\nPlease send the 'Intro' template.\nThanks, Dan").steps()).hasSize(1);
    assertThat(plan("Hey ops team — send the 'Intro' template. Appreciate you! —Marco").steps())
        .hasSize(1);
    assertThat(plan("Hello ops,\n\nSend the 'Intro' template.\n\nHave a great evening, Wes"))
        .isEqualTo(plan("Send the 'Intro' template."));
  }

  @Test
  void a_timeline_of_days_reads_as_waits_between_its_steps() {
    Plan plan =
        plan(
            "On day 0, send the 'A' template. On day 3, send the 'B' template. On day 7, tag them"
                + " 'Done'.");
    assertThat(action(plan, 1).params()).isEqualTo(Map.of("duration", "P3D"));
    assertThat(action(plan, 3).params()).isEqualTo(Map.of("duration", "P4D"));
    Plan after = plan("Send the 'A' template.\nDay 3 - send the 'B' template.");
    assertThat(action(after, 1).params()).isEqualTo(Map.of("duration", "P3D"));
    rejection("Day 5: send the 'B' template. Day 2: send the 'A' template.");
  }

  @Test
  void words_that_only_say_where_a_step_stands_in_the_order_say_nothing() {
    assertThat(
            plan("To kick things off, enrich the contact. At the end of the sequence, hand off to"
                    + " @user.rep.")
                .steps())
        .hasSize(2);
    assertThat(plan("First thing, send the 'Intro' template.").steps()).hasSize(1);
  }

  @Test
  void a_sentence_that_only_tells_the_story_is_skipped_with_a_warning_and_an_order_is_not() {
    ParseResult result =
        new BuiltInParser()
            .parse(
                "Hey ops, quick one — Acme's champion went quiet on me. Can you send the"
                    + " 'Checking In' template?");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.plan()).isEqualTo(plan("Send the 'Checking In' template."));
    assertThat(parsed.warnings())
        .anySatisfy(warning -> assertThat(warning).contains("Acme's champion went quiet on me"));
    assertThat(
            plan("Small update: this contact just moved to our Toronto office. Please add the"
                    + " tag 'NA'.")
                .steps())
        .hasSize(1);
    rejection("Send the 'Intro' template. Then give them a ring.");
    rejection("Send the 'Intro' template. Book a demo for next week.");
    rejection("Trying something new this quarter. Their budget is 5 seats.");
  }

  @Test
  void a_ticket_reads_as_its_steps_with_its_title_trigger_and_notes_skipped_with_warnings() {
    ParseResult result =
        new BuiltInParser()
            .parse(
                "OPS-2102: Enterprise routing\nTrigger: deal updated\nSteps:\n- Add tag"
                    + " 'Velocity'\nAcceptance: no deal stays untagged.");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.plan()).isEqualTo(plan("Add tag 'Velocity'."));
    assertThat(parsed.warnings())
        .containsExactly(
            "Skipped 'OPS-2102: Enterprise routing': it says nothing to do.",
            "Skipped 'Trigger: deal updated': when the agent runs is set by its trigger, not a"
                + " step.",
            "Skipped 'Acceptance: no deal stays untagged.': it says nothing to do.");
    assertThat(
            plan(
                "OPS-7: London\nTrigger: batch — contacts where city == 'London'\nSteps:\n1."
                    + " Add tag 'EMEA'"))
        .isEqualTo(plan("Find contacts in London and add tag 'EMEA'."));
    // a trigger about one contact is an event, not a search; what the steps refuse is shown
    assertThat(plan("Ticket\nTrigger: contact added to 'Sept' list\nSteps:\n1. Add tag 'Sept'"))
        .isEqualTo(plan("Add tag 'Sept'."));
    assertThat(rejection("OPS-3: SMS\nSteps:\n1. Send SMS 'Your demo starts soon'\nNotes: Twilio."))
        .allSatisfy(detail -> assertThat(detail.message()).doesNotContain("OPS-3"));
  }

  @Test
  void a_chat_message_time_at_the_start_of_a_line_is_no_word() {
    assertThat(plan("[9:02 AM] send the 'Intro' template\n[9:03 AM] then tag them 'Sent'"))
        .isEqualTo(plan("Send the 'Intro' template, then tag them 'Sent'."));
    assertThat(plan("[11:01] wait 2 days")).isEqualTo(plan("Wait 2 days."));
  }

  @Test
  void a_condition_in_words_with_its_field_in_brackets_reads_as_that_field_check() {
    assertThat(plan("If he is interested (contact.interested), tag 'Warm'."))
        .isEqualTo(plan("If contact.interested is true, tag 'Warm'."));
    assertThat(plan("If they are not interested (contact.interested), tag 'Cold'."))
        .isEqualTo(plan("If contact.interested is false, tag 'Cold'."));
    assertThat(plan("If the contact does not have LinkedIn (contact.linkedinUrl), tag 'NoLI'."))
        .isEqualTo(plan("If contact.linkedinUrl does not exist, tag 'NoLI'."));
    assertThat(plan("If they have more than 100 employees (company.employees), tag 'Mid'."))
        .isEqualTo(plan("If company.employees is more than 100, tag 'Mid'."));
    assertThat(plan("If they have 100-999 employees (company.employees), tag 'Mid'."))
        .isEqualTo(plan("If company.employees is between 100 and 999, tag 'Mid'."));
  }

  @Test
  void code_minded_shapes_read_a_bracketed_list_a_negated_bracket_and_max_results() {
    assertThat(plan("add_tag ['Director Play', 'Q3']"))
        .isEqualTo(plan("Add the tags 'Director Play' and 'Q3'."));
    assertThat(plan("If not (contact.replied == true), wait 2 days."))
        .isEqualTo(plan("Unless contact.replied == true, wait 2 days."));
    // a remark in brackets after "if not" is still the other branch
    assertThat(plan("If the contact replied, tag 'A'. If not (they ignored us), tag 'B'."))
        .isEqualTo(plan("If the contact replied, tag 'A'; otherwise tag 'B'."));
    assertThat(action(plan("Search the web for 'Acme news' (maxResults 10)."), 0).params())
        .isEqualTo(Map.of("query", "Acme news", "maxResults", 10));
    assertThat(plan("If contact.leadScore < 20, tag 'Low'; otherwise no-op."))
        .isEqualTo(plan("If contact.leadScore < 20, tag 'Low'."));
  }

  @Test
  void opposite_conditions_numbered_apart_are_two_steps_and_a_tag_name_starts_no_clause() {
    assertThat(
            plan(
                "Step 1: if contact.email does not exist, enrich the contact.\nStep 2: if"
                    + " contact.email exists, send template 'Intro'."))
        .isEqualTo(
            plan(
                "If contact.email does not exist, enrich the contact. Then, if contact.email"
                    + " exists, send template 'Intro'."));
    assertThat(plan("If the contact replied, tag 'A'. If they didn't reply, tag 'B'."))
        .isEqualTo(plan("If the contact replied, tag 'A'; otherwise tag 'B'."));
    rejection("Remove 'Invited' tag once they attend, add 'Attended'.");
  }

  @Test
  void misreadings_found_by_batches_74_to_77_are_refused_or_read_right() {
    assertThat(plan("If the deal value is above ₦50,000,000, tag 'Big'."))
        .isEqualTo(plan("If the deal value is above 50000000, tag 'Big'."));
    assertThat(action(plan("Loop in @user.salesRep for the same."), 0).params())
        .isEqualTo(Map.of("to", "@user.salesRep"));
    assertThat(rejection("Look up their funding news with Zoominfo, then tag 'A'."))
        .anySatisfy(d -> assertThat(d.message()).contains("enrich the contact with Zoominfo"));
    assertThat(plan("Look up their info with Apollo, then tag them 'Enriched'."))
        .isEqualTo(plan("Enrich them with apollo, then tag them 'Enriched'."));
    rejection("If the contract is bigger than what their competitor pays us, send 'Premium'.");
  }

  @Test
  void an_event_said_of_some_contact_is_the_trigger_and_in_that_case_goes_on_with_the_branch() {
    ParseResult result =
        new BuiltInParser().parse("When a renewal closes, send the 'Thanks' template.");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) result).plan()).isEqualTo(plan("Send the 'Thanks' template."));
    assertThat(((ParseResult.Parsed) result).warnings())
        .containsExactly(
            "Skipped 'When a renewal closes': when the agent runs is set by its trigger, not a"
                + " step.");
    // the contact in hand is a condition, read or refused, never skipped
    rejection("When the customer signs, send the 'Thanks' template.");
    assertThat(plan("If the contact replied, tag 'A'. In that case, also hand off to @user.am."))
        .isEqualTo(plan("If the contact replied, tag 'A' and hand off to @user.am."));
    assertThat(plan("wait 6h → email 'Trial Tips' → wait 1d → rm 'trial'"))
        .isEqualTo(
            plan("Wait 6 hours, send the 'Trial Tips' template, wait 1 day, remove tag 'trial'."));
    rejection("new ppl from today: email 'Welcome' + tag 'New Today'");
  }

  @Test
  void a_phone_typed_n_joins_steps_and_those_contacts_with_no_filter_are_refused() {
    assertThat(plan("find contacts in Austin w/ status Lead n send them the 'Listings' template"))
        .isEqualTo(
            plan(
                "Find contacts in Austin with status 'Lead' and send them the 'Listings' template."));
    assertThat(rejection("Please find those contacts and hand them off to @user.salesRep."))
        .anySatisfy(d -> assertThat(d.message()).startsWith("Which contacts?"));
    assertThat(plan("Find all contacts and tag them 'X'.").steps()).hasSize(2);
  }

  @Test
  void an_assistant_s_wishes_read_as_orders_and_on_behalf_of_is_who_asks() {
    assertThat(
            plan(
                "She would like the 'Prospect' tag removed and the tags 'Client' and 'VIP' added."))
        .isEqualTo(plan("Remove the 'Prospect' tag and add the tags 'Client' and 'VIP'."));
    assertThat(
            plan(
                "Maria would like the deal stage updated to 'Review' and the deal value set to $5k."))
        .isEqualTo(plan("Set the deal stage to 'Review' and set the deal value to 5000."));
    assertThat(
            plan(
                "She would like a task created titled 'Brief', due in 4 days and assigned to @user.cos."))
        .isEqualTo(plan("Create a task 'Brief' due in 4 days, assigned to @user.cos."));
    rejection("Maria would like them called tomorrow.");
    ParseResult result =
        new BuiltInParser().parse("On behalf of Mr. Okafor, please send the 'Board' template.");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) result).warnings())
        .containsExactly("Skipped 'On behalf of Mr. Okafor': it says nothing to do.");
  }

  @Test
  void the_contact_called_this_contact_and_an_email_called_it_are_read_in_conditions() {
    assertThat(
            plan(
                "Unless this contact is already tagged 'Customer', send them the 'Cold Intro'"
                    + " template."))
        .isEqualTo(
            plan("Unless the contact is tagged 'Customer', send them the 'Cold Intro' template."));
    assertThat(plan("If they haven't opened it, send the 'B' template."))
        .isEqualTo(plan("If they have not opened the email, send the 'B' template."));
    assertThat(plan("If the deal's over $50k, tag them 'Big'."))
        .isEqualTo(plan("If the deal value is over $50k, tag them 'Big'."));
  }

  @Test
  void anyone_said_of_the_contact_in_hand_is_no_search_and_a_lower_case_word_is_no_city() {
    rejection("Send the 'A' template. For anyone tagged 'VIP', also hand off to @user.rep.");
    rejection("If they're in berlin, tag them 'DE'.");
  }

  @Test
  void a_form_under_a_heading_that_names_its_step_reads_with_quoted_values_and_arrow_bullets() {
    Plan task =
        plan("Task:\n- Title: 'Review @company.name'\n- Due: in 14 days\n- Owner: @user.am");
    assertThat(action(task, 0).params())
        .isEqualTo(
            Map.of("title", "Review @company.name", "dueInDays", 14, "assignee", "@user.am"));
    assertThat(action(plan("Memory:\n- key: region\n- value: 'Benelux'"), 0).params())
        .isEqualTo(Map.of("key", "region", "value", "Benelux"));
    assertThat(action(plan("Delay: 48h"), 0).params()).isEqualTo(Map.of("duration", "PT48H"));
    assertThat(action(plan("Handoff:\n-> to: @user.lead\n-> message: 'Signed'"), 0).params())
        .isEqualTo(Map.of("to", "@user.lead", "message", "Signed"));
    Plan rule = plan("Rule: unless contact.status == 'Lost'\n-> send template 'Update'");
    assertThat(rule.steps().getFirst()).isInstanceOf(Step.If.class);
  }

  @Test
  void
      tags_added_by_steps_that_follow_each_other_are_one_step_and_an_arrow_after_a_head_is_nothing() {
    Plan tags = plan("Tags:\n+ add 'A'\n+ add 'B'\n- remove 'C'");
    assertThat(tags.steps()).hasSize(2);
    assertThat(action(tags, 0).params()).isEqualTo(Map.of("tags", List.of("A", "B")));
    assertThat(action(plan("Tag -> 'Done'"), 0).type()).isEqualTo(ActionType.ADD_TAG);
    assertThat(action(plan("Search -> title contains 'COO'"), 0).type())
        .isEqualTo(ActionType.SEARCH_CONTACTS);
    rejection("Set the contact's tags to 'A'");
  }

  @Test
  void a_request_announced_after_talk_about_the_account_is_read_without_the_talk() {
    Plan plan =
        plan(
            "Okay so, quick one before my flight. The deal has been in legal since August and I"
                + " can't let it sit. What I want is, send them the 'Legal Nudge' template, then"
                + " wait four days, sorry, five days. Yep. Got it? Good.");
    assertThat(plan.steps()).hasSize(2);
    assertThat(action(plan, 1).params()).isEqualTo(Map.of("duration", "P5D"));
    rejection("Send the 'A' template, then a note. Here's the plan: book a meeting with them.");
  }

  @Test
  void contractions_typed_without_their_apostrophe_read_as_with_it() {
    assertThat(plan("if they havent replied and their title doesnt contain 'x', tag them 'A'"))
        .isEqualTo(
            plan("if they haven't replied and their title doesn't contain 'x', tag them 'A'"));
    assertThat(action(plan("Enrich, provider: apollo"), 0).params())
        .isEqualTo(Map.of("provider", "apollo"));
  }

  @Test
  void a_list_of_conditions_or_filters_under_a_heading_that_says_how_they_combine() {
    Plan all =
        plan(
            "Conditions (ALL must hold):\n- contact.country == 'Germany'\n- deal.value > 20,000\n"
                + "Then -> send template 'DACH'");
    Step.If branch = (Step.If) all.steps().getFirst();
    assertThat(branch.condition()).isInstanceOf(Condition.All.class);
    Plan any =
        plan(
            "If any of these:\n- they replied\n- their lead score is over 50\nthen tag them 'Hot'");
    assertThat(((Step.If) any.steps().getFirst()).condition()).isInstanceOf(Condition.Any.class);
    Plan search = plan("Search (match ANY):\n- city = Rotterdam\n- city = Antwerp");
    assertThat(action(search, 0).params()).containsEntry("match", "any");
  }

  @Test
  void a_section_title_over_a_list_is_no_step_unless_it_asks_for_an_action() {
    assertThat(
            plan("Data hygiene:\n- Remove tags: 'Bounced', 'Old List'\n- Add tag: 'Cleaned'\n"
                    + "- Set contact field 'emailStatus' -> 'verified'")
                .steps())
        .hasSize(3);
    rejection("Call the new leads:\n1. Send template 'A'");
    rejection("Subject:\nBody:\nTemplate: ???");
  }

  @Test
  void an_aside_between_commas_that_only_sets_the_scene_is_skipped() {
    assertThat(
            plan("Okay, for the Nordics, find contacts where the country is 'Sweden', and tag them 'N'.")
                .steps())
        .hasSize(2);
    assertThat(plan("Going forward, find contacts whose status is 'Customer'.").steps()).hasSize(1);
    rejection("For the VIPs, book a dinner, then tag them 'A'.");
  }

  @Test
  void shorthand_rules_with_a_condition_an_arrow_and_steps_joined_by_plus_or_slash() {
    Plan plan = plan("deal > $15k -> tag 'Big Fish' + handoff @user.ae");
    Step.If branch = (Step.If) plan.steps().getFirst();
    assertThat(branch.then()).hasSize(2);
    assertThat(((Step.If) plan("not tagged 'DNC' -> tmpl 'Cold 1'").steps().getFirst()).condition())
        .isInstanceOf(Condition.Not.class);
    assertThat(plan("set status 'Contacted' / add tag 'Engaged'").steps()).hasSize(2);
    Plan search = plan("find status == 'Lead' and city == 'Austin' -> tag 'Austin Q1'");
    assertThat(action(search, 0).type()).isEqualTo(ActionType.SEARCH_CONTACTS);
    assertThat(search.steps()).hasSize(2);
  }

  @Test
  void a_limit_said_after_the_search_and_a_search_inside_a_heading_are_read() {
    assertThat(
            action(
                    plan(
                        "Could you search the web for 'Acme reviews'? Just the top result is"
                            + " fine."),
                    0)
                .params())
        .containsEntry("maxResults", 1);
    Plan plan =
        plan(
            "Could you do two things for contacts created today: tag them 'Fresh' and hand them"
                + " off to @user.sdr?");
    assertThat(action(plan, 0).type()).isEqualTo(ActionType.SEARCH_CONTACTS);
  }

  @Test
  void a_formal_letters_requests_and_a_new_users_hedges_read_as_the_request() {
    assertThat(plan("Should the contact not have replied after five days, send the template 'B'."))
        .isEqualTo(plan("If the contact has not replied after five days, send the template 'B'."));
    assertThat(plan("I should like a task to be created entitled 'Call them'."))
        .isEqualTo(plan("Create a task entitled 'Call them'."));
    assertThat(plan("I should like the tags 'A' and 'B' to be added. Yours sincerely").steps())
        .hasSize(1);
    assertThat(plan("Tag them 'A'. Is that doable?")).isEqualTo(plan("Tag them 'A'."));
    rejection("I think I want to book a meeting with them. Is that doable?");
  }

  @Test
  void a_custom_field_named_in_plain_words_is_compared_in_a_search_when_its_value_is_definite() {
    Plan plan = plan("Find contacts with a health score between 40 and 60 and tag them 'Watch'.");
    assertThat(action(plan, 0).params())
        .isEqualTo(
            Map.of(
                "filters",
                List.of(
                    Map.of("field", "healthScore", "operator", ">=", "value", 40),
                    Map.of("field", "healthScore", "operator", "<=", "value", 60))));
    assertThat(plan("Find contacts where plan is 'Enterprise'").steps()).hasSize(1);
    rejection("Find contacts where vibes are good");
  }

  @Test
  void a_client_named_before_the_request_and_a_title_sentence_say_nothing_to_do() {
    assertThat(plan("Client: Cartwheel POS. If the company industry is 'Retail', tag them 'R'."))
        .isEqualTo(plan("If the company industry is 'Retail', tag them 'R'."));
    assertThat(plan("GreenLoop ESG campaign. Send the 'A' template."))
        .isEqualTo(plan("Send the 'A' template."));
    assertThat(plan("For Copperleaf Realty, send the 'C' template."))
        .isEqualTo(plan("Send the 'C' template."));
    assertThat(action(plan("tag em 'investor' 'angel' 'warm intro'"), 0).params())
        .isEqualTo(Map.of("tags", List.of("investor", "angel", "warm intro")));
    assertThat(action(plan("Search the web for 'florists' and show me 5 results."), 0).params())
        .containsEntry("maxResults", 5);
  }

  @Test
  void steps_numbered_on_one_line_and_a_polite_head_over_its_fields() {
    assertThat(plan("Beacon reminder. Step 1: wait 3 days. Step 2: send the 'Beacon' template."))
        .isEqualTo(plan("Wait 3 days, then send the 'Beacon' template."));
    Plan email = plan("Please email this contact.\nSubject: Thanks\nBody: Hi @contact.firstName!");
    assertThat(action(email, 0).params())
        .isEqualTo(Map.of("subject", "Thanks", "body", "Hi @contact.firstName!"));
    assertThat(
            plan(
                "Client: Northwind. Campaign: Q3 Outreach.\nStep 1: Wait 4 days.\nStep 2: Reach"
                    + " out on LinkedIn with a connection request."))
        .isEqualTo(plan("Wait 4 days, then send a LinkedIn invite."));
  }

  @Test
  void a_correction_said_in_a_sentence_of_its_own_replaces_the_number_before_it() {
    assertThat(
            plan(
                "Give it two hours and then send the 'Replay' template. Actually make it three"
                    + " hours, people are still on the live session."))
        .isEqualTo(plan("Wait 3 hours, then send the 'Replay' template."));
    assertThat(plan("Hold the sequence for 3 days, then send the 'B' template."))
        .isEqualTo(plan("Wait 3 days, then send the 'B' template."));
  }

  @Test
  void a_condition_before_an_arrow_that_asks_whether_a_step_starts_where_it_stands_ends() {
    // found by mutating labelled texts: the arrow rule read a condition whose shorthand asked the
    // arrow rule again at the same place, until the stack ran out
    assertThat(
            rejection(
                "contacts w/ lead scoIf (contact.title contains 'VP' r contare < 20 -> untag"
                    + " 'MQL', tag 'Cold'"))
        .noneMatch(detail -> detail.message().contains("too deeply nested"));
    rejection(
        "f not (company.industry == government or contIf deal.value > 10000 → sort contacts"
            + " bya\n> t.status == customer) send 'Cold A' tmpl");
  }

  @Test
  void a_comma_before_and_after_an_or_joins_the_whole_or_with_what_follows() {
    Step.If branch =
        (Step.If)
            plan("If the title contains 'CEO' or 'Prezes', and the industry is 'Retail', tag them"
                    + " 'Z'.")
                .steps()
                .getFirst();
    assertThat(branch.condition()).isInstanceOf(Condition.All.class);
    assertThat(((Condition.All) branch.condition()).parts().getFirst())
        .isInstanceOf(Condition.Any.class);
    Step.If plain =
        (Step.If)
            plan("If the title contains 'CEO' or the title contains 'VP' and they replied, tag them"
                    + " 'Z'.")
                .steps()
                .getFirst();
    assertThat(plain.condition()).isInstanceOf(Condition.Any.class);
  }

  @Test
  void an_emoji_between_words_ends_what_came_before_it() {
    assertThat(
            plan(
                "Re-engagement sequence ⚡ send email using template 'We Miss You', wait 10 days,"
                    + " then remove tag 'Active'."))
        .isEqualTo(
            plan(
                "Send email using template 'We Miss You', wait 10 days, then remove tag 'Active'."));
    assertThat(plan("Remove 'In Sequence' 🎉 they made it!").steps()).hasSize(1);
    assertThat(plan("If they replied, tag them 'A' 👍"))
        .isEqualTo(plan("If they replied, tag them 'A'"));
  }

  @Test
  void a_step_head_at_the_end_of_a_line_takes_the_fields_below_it() {
    Plan plan =
        plan(
            "Remember 'Spring' as @memory.campaign, then email them with\nSubject: \"Hi\"\n"
                + "Body: \"See you there!\"");
    assertThat(action(plan, 1).params())
        .isEqualTo(Map.of("subject", "Hi", "body", "See you there!"));
  }

  @Test
  void markdown_code_spans_read_as_values_fields_and_literals() {
    assertThat(
            plan(
                "create task `Send redline to @company.name legal` due in 3 days, assign to"
                    + " `@user.ae`"))
        .isEqualTo(
            plan(
                "create task 'Send redline to @company.name legal' due in 3 days, assign to"
                    + " @user.ae"));
    assertThat(plan("If `contact.replied` is `true`: add tag `Warm`"))
        .isEqualTo(plan("If contact.replied is true: add tag 'Warm'"));
    assertThat(
            plan(
                "## Hot inbound\n\nSearch contacts:\n- `createdAt` in the last **30 days**\n"
                    + "- `leadScore` at least `85`\n\nWhy: these sit too long in the queue."))
        .isEqualTo(plan("Find contacts created in the last 30 days with leadScore at least 85"));
    assertThat(plan("find contacts whose createdAt is within the last 30 days"))
        .isEqualTo(plan("find contacts created in the last 30 days"));
    assertThat(
            plan(
                "Find contacts where any of these match:\n- `title` contains `CRO`\n"
                    + "- `title` contains `VP Sales`\n\nThen enrich via Apollo"))
        .isEqualTo(
            plan(
                "Find contacts whose title contains 'CRO' or title contains 'VP Sales', then enrich"
                    + " them via Apollo"));
  }

  @Test
  void a_cadence_told_in_prose_reads_its_verbs_and_its_other_branch() {
    assertThat(plan("If they replied, pull the 'Cold' tag and add 'Engaged'."))
        .isEqualTo(plan("If they replied, remove the tag 'Cold' and add the tag 'Engaged'."));
    assertThat(
            plan(
                "If the industry is Healthcare use the 'HIPAA Intro' template, otherwise go with"
                    + " 'Standard Intro'."))
        .isEqualTo(
            plan(
                "If the industry is 'Healthcare', send the 'HIPAA Intro' template, otherwise send"
                    + " the 'Standard Intro' template."));
    assertThat(
            plan(
                "first a LinkedIn invite with the note 'Great chatting', then two days later the"
                    + " 'Event Follow-up' email."))
        .isEqualTo(
            plan(
                "Send a LinkedIn invite with the note 'Great chatting', wait 2 days, then send the"
                    + " 'Event Follow-up' template."));
    assertThat(
            plan(
                "If there's a linkedinUrl on their record, send a LinkedIn invite; if there isn't,"
                    + " send the 'X' template."))
        .isEqualTo(
            plan(
                "If they have a linkedinUrl, send a LinkedIn invite, otherwise send the 'X'"
                    + " template."));
  }

  @Test
  void a_moment_named_by_an_event_before_the_steps_is_the_trigger_and_skipped_with_a_warning() {
    ParseResult result =
        parser.parse(
            "After the demo, first send the 'Demo Recap' template, then set the deal stage to"
                + " 'Proposal Sent'.");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(parsed.plan())
        .isEqualTo(
            plan("Send the 'Demo Recap' template, then set the deal stage to 'Proposal Sent'."));
    assertThat(parsed.warnings()).anyMatch(w -> w.contains("After the demo"));
    assertThat(plan("After 3 days, send the 'Bump' template.").steps()).hasSize(2);
  }

  @Test
  void markdown_sections_name_the_condition_and_what_to_do() {
    assertThat(
            plan(
                "**Condition:** `contact.title` contains `VP`\n\n**Do:**\n1. Add tags `Exec`,"
                    + " `Regulated`\n2. Send LinkedIn invite"))
        .isEqualTo(
            plan(
                "If contact.title contains 'VP', add tags 'Exec', 'Regulated' and send a"
                    + " LinkedIn invite"));
    assertThat(
            plan(
                "1. Send template `A`\n2. **no reply after 3 days**: create task `Follow up` due"
                    + " in 2 days"))
        .isEqualTo(
            plan(
                "Send template 'A'. If no reply after 3 days, create a task 'Follow up' due in 2"
                    + " days."));
    assertThat(
            plan(
                "If either:\n- contact.opened_email is true\n- contact.clicked_link is true\n"
                    + "then add tag 'Engaged'"))
        .isEqualTo(
            plan(
                "If contact.opened_email is true or contact.clicked_link is true, add tag"
                    + " 'Engaged'"));
  }

  @Test
  void an_order_after_an_opening_clause_is_read_or_refused_never_dropped_with_it() {
    assertThat(
            plan(
                "Before anyone talks to them, run the contact through Apollo enrichment. Then hand"
                    + " it off to @user.intake."))
        .isEqualTo(plan("Enrich the contact with Apollo, then hand off to @user.intake."));
    // it had been dropped as a description, silently, leaving only the handoff
    rejection("Before anyone talks to them, do a thing. Then hand it off to @user.intake.");
  }

  @Test
  void a_story_beside_words_the_table_reads_is_dropped_from_the_rewritten_words() {
    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            parser.parse("Run an Apollo enrichment on this contact, their phone number bounced.");
    assertThat(parsed.plan()).isEqualTo(plan("Enrich the contact."));
    assertThat(parsed.warnings()).anyMatch(w -> w.contains("their phone number bounced"));
  }

  @Test
  void wishes_and_named_values_read_as_the_step() {
    assertThat(plan("Would be great if it could drop the tags 'Cold' and 'Dormant'."))
        .isEqualTo(plan("Remove the tags 'Cold' and 'Dormant'."));
    assertThat(
            plan(
                "What I need is for the agent to search the web for 'launch @company.name', save"
                    + " @search.results[0].title as @memory.launch."))
        .isEqualTo(
            plan(
                "Search the web for 'launch @company.name', then remember"
                    + " @search.results[0].title as @memory.launch."));
    assertThat(plan("Store the renewal date '2025-09-30' as @memory.renewalDate."))
        .isEqualTo(plan("Remember '2025-09-30' as @memory.renewalDate."));
    // "in place" is no memory key: refused, not stored as @memory.place
    rejection("Remove the tag 'Prospect' and put the tag 'Client' in place, then tag them 'B'.");
    assertThat(plan("send the 'Deal Recap' template to my mgr at jen.ortiz@fabrikam.com"))
        .isEqualTo(plan("send the 'Deal Recap' template to jen.ortiz@fabrikam.com"));
  }

  @Test
  void every_sentence_skipped_as_a_description_is_named_in_a_warning() {
    for (String text :
        List.of(
            "I have been meaning to frobnicate them. Then add tag 'A'.",
            "They need a frobnication. Then add tag 'A'.",
            "The contact just signed so frobnicate them. Then add tag 'A'.")) {
      ParseResult.Parsed parsed = (ParseResult.Parsed) parser.parse(text);
      assertThat(parsed.warnings()).as(text).anyMatch(w -> w.contains("frobnicat"));
    }
  }

  @Test
  void in_any_case_inside_a_branch_ends_the_inner_branch_only() {
    Step.If outer =
        (Step.If)
            plan("If the deal value is at least $15,000, then: if company.industry is"
                    + " 'Construction' add the tag 'Bonding Review', and in any case hand off to"
                    + " @user.partner. Otherwise send the 'Small' template.")
                .steps()
                .getFirst();
    assertThat(outer.then()).hasSize(2);
    assertThat(outer.then().getFirst()).isInstanceOf(Step.If.class);
    assertThat(((Step.Action) outer.then().get(1)).type()).isEqualTo(ActionType.HANDOFF);
    assertThat(outer.otherwise()).hasSize(1);
    // at the top, it follows the branch
    assertThat(plan("If they replied, add tag 'A'; in any case, send the 'B' template.").steps())
        .hasSize(2);
  }

  @Test
  void a_quote_that_ends_its_sentence_ends_it_for_the_steps_too() {
    // the note's full stop is inside the quote: the "If" after it had been read as the invite's own
    // condition, and the invite was sent only after the wait
    assertThat(
            plan(
                "Send LinkedIn invite with note 'Hello, we met in Canton Fair.' If no reply after"
                    + " 5 days, send email template 'Follow-up'."))
        .isEqualTo(
            plan(
                "Send a LinkedIn invite with the note 'Hello, we met in Canton Fair.', then if no"
                    + " reply after 5 days, send the 'Follow-up' template."));
  }

  @Test
  void a_tag_put_on_instead_is_no_field_update() {
    assertThat(plan("Take off the 'Trial Roast' tag and put 'Wholesale Account' on instead."))
        .isEqualTo(plan("Remove the tag 'Trial Roast' and add the tag 'Wholesale Account'."));
  }

  @Test
  void a_letters_envelope_is_skipped_quoted_lines_postscripts_and_dashed_signatures() {
    ParseResult.Parsed quoted =
        (ParseResult.Parsed)
            parser.parse(
                "Hi Priya,\n\n> The old nurture track is retired as of Monday.\n\nPlease drop"
                    + " the 'Old Nurture' tag and add 'Nurture 2024' instead.\n\nThanks, Raj");
    assertThat(quoted.plan())
        .isEqualTo(plan("Remove the tag 'Old Nurture' and add the tag 'Nurture 2024'."));
    assertThat(quoted.warnings()).anyMatch(w -> w.contains("The old nurture track is retired"));
    assertThat(plan("Hey!\n\nSend a LinkedIn connection request.\n\n— Marco"))
        .isEqualTo(plan("Send a LinkedIn invite."));
    assertThat(plan("Hi team,\n\nTag them 'Hot'.\n\nCheers — Tom"))
        .isEqualTo(plan("Tag them 'Hot'."));
    assertThat(
            plan(
                "Please search the web for 'X podcast'.\n\nP.S. The top 3 results are plenty."
                    + "\n\nThanks, Priya"))
        .isEqualTo(plan("Search the web for 'X podcast' and keep the top 3 results."));
    assertThat(plan("Send template 'New Lead' to manager email sales.ru@company.com"))
        .isEqualTo(plan("Send template 'New Lead' to sales.ru@company.com"));
  }

  @Test
  void a_procedure_in_the_passive_reads_as_its_orders() {
    assertThat(
            plan("The tags 'GDPR Consent', 'Newsletter' and 'EU' shall be applied to the contact."))
        .isEqualTo(plan("Add the tags 'GDPR Consent', 'Newsletter' and 'EU'."));
    assertThat(
            plan(
                "A delay of 2 days shall first be observed. Thereafter, the template 'Event"
                    + " Follow-Up' is to be sent to the contact."))
        .isEqualTo(plan("Wait 2 days, then send the 'Event Follow-Up' template."));
    assertThat(
            plan(
                "In the event that the deal value exceeds $250,000, the matter is to be escalated"
                    + " to @user.vpSales."))
        .isEqualTo(plan("If the deal value is over 250000, hand off to @user.vpSales."));
    assertThat(plan("The company field 'segment' shall be updated to 'Mid-Market'."))
        .isEqualTo(plan("Set the company field 'segment' to 'Mid-Market'."));
    // "to be set" after "for the deal value" is no passive with "the deal value to" as its
    // subject (that had set the value to the text "to €120,000"): refused instead
    rejection("What I need is for the deal value to be set to €120,000.");
  }

  @Test
  void a_word_that_points_at_a_value_is_no_value() {
    // "under that" had compared company.industry with the text "that"
    assertThat(
            rejection(
                "If the deal value is at least $5,000: first, if the industry is 'Events', tag"
                    + " them 'A'; then hand off to @user.lena. If it's under that, send the 'B'"
                    + " template."))
        .anyMatch(d -> d.message().contains("Which value is 'that'"));
    // a value written in capitals is a name, not a pointer
    assertThat(plan("If the industry is IT, tag them 'Tech'."))
        .isEqualTo(plan("If the industry is 'IT', tag them 'Tech'."));
  }

  @Test
  void a_sign_stuck_to_a_name_adds_or_removes_that_tag() {
    assertThat(plan("+Hot +Priority; -Nurture"))
        .isEqualTo(plan("Add the tags 'Hot' and 'Priority', then remove the tag 'Nurture'."));
    // "-tag" had been read as adding the tag: the sign was dropped
    assertThat(plan("-tag 'Open Opp'; +tag 'Won'"))
        .isEqualTo(plan("Remove the tag 'Open Opp' and add the tag 'Won'."));
    assertThat(plan("if deal.value < $2,500 → +'Low Touch'"))
        .isEqualTo(plan("If the deal value is under 2500, add the tag 'Low Touch'."));
    // a hyphen inside a word, a bullet and a minus before a number are no signs
    assertThat(plan("- send the follow-up template 'Bump'"))
        .isEqualTo(plan("Send the template 'Bump'."));
    assertThat(rejection("if the score is -5 then +Cold")).isNotEmpty();
    assertThat(plan("-Send the 'Intro' template\n-Wait 2 days"))
        .isEqualTo(plan("Send the 'Intro' template, then wait 2 days."));
  }

  @Test
  void a_trades_own_word_for_the_contact_is_the_contact() {
    assertThat(plan("Tag this candidate 'Python' and 'Open to Relocation'."))
        .isEqualTo(plan("Add the tags 'Python' and 'Open to Relocation'."));
    assertThat(plan("Email the couple using the 'Gallery Ready' template."))
        .isEqualTo(plan("Send the 'Gallery Ready' template."));
    assertThat(plan("Connect with the new champion on LinkedIn"))
        .isEqualTo(plan("Send a LinkedIn invite."));
  }

  @Test
  void a_field_in_brackets_after_a_trades_word_is_the_field_compared() {
    assertThat(plan("If the gift (deal value) is over $1,000, hand off to @user.director"))
        .isEqualTo(plan("If the deal value is over 1000, hand off to @user.director."));
    assertThat(plan("if the package (deal.value) is less than $3,500, tag them 'Upsell'"))
        .isEqualTo(plan("If the deal value is under 3500, add the tag 'Upsell'."));
  }

  @Test
  void having_a_field_said_with_there_or_without_a_comma_is_its_existence() {
    assertThat(plan("If there's no contact.linkedinUrl → send template 'Connect With Us'"))
        .isEqualTo(plan("If they don't have a LinkedIn URL, send the 'Connect With Us' template."));
    assertThat(plan("if they have a linkedinUrl connect on linkedin, otherwise enrich them"))
        .isEqualTo(plan("If contact.linkedinUrl exists, send a LinkedIn invite, else enrich."));
    assertThat(plan("if they don't have a linkedin url on file tag them 'Email Only'"))
        .isEqualTo(plan("If contact.linkedinUrl does not exist, add tag 'Email Only'."));
  }

  @Test
  void words_for_the_deal_value_are_not_written_into_it() {
    assertThat(plan("mark the contact field 'onboardingComplete' as true"))
        .isEqualTo(plan("Set the contact field 'onboardingComplete' to true."));
    // the deal alone means its value when compared; words set into it had been a wrong plan
    assertThat(rejection("set the deal to 'At Risk'").getFirst().message())
        .startsWith("Which deal field should hold 'At Risk'?");
    assertThat(rejection("mark the deal as 'At Risk'")).isNotEmpty();
  }

  @Test
  void terse_tasks_emails_and_memories() {
    assertThat(plan("FU task for @user.ae: 'Send proposal to @company.name', due in 3d"))
        .isEqualTo(
            plan(
                "Create a task 'Send proposal to @company.name' due in 3 days assigned to"
                    + " @user.ae."));
    assertThat(plan("task 'Qualify @contact.firstName' due 1d, @user.sdr"))
        .isEqualTo(plan("Create a task 'Qualify @contact.firstName' due in 1 day for @user.sdr."));
    assertThat(plan("Find contacts with a healthScore below 50 and give each a task 'Review'"))
        .isEqualTo(plan("Find contacts whose healthScore is below 50 and create a task 'Review'."));
    assertThat(plan("wait 1 wk → FU email, tmpl 'Check-in'"))
        .isEqualTo(plan("Wait 7 days, then send the template 'Check-in'."));
    assertThat(plan("send 'Cold Open' template, if no reply after 4 days send 'Bump 1'"))
        .isEqualTo(
            plan(
                "Send the template 'Cold Open'. If no reply after 4 days, send the template"
                    + " 'Bump 1'."));
    assertThat(plan("Send 'Intro - Pune' template email to the contact."))
        .isEqualTo(plan("Send the template 'Intro - Pune'."));
    assertThat(plan("send the 'Offer Received' template to my broker, dana@harborrealty.com"))
        .isEqualTo(plan("Send the template 'Offer Received' to dana@harborrealty.com."));
    assertThat(plan("remember @search.results[0].title → @memory.fundingNews"))
        .isEqualTo(plan("Remember @search.results[0].title as fundingNews."));
    assertThat(rejection("send 'Hello there' via SMS")).isNotEmpty();
  }

  @Test
  void branches_end_whether_they_replied_or_not_and_an_else_may_carry_a_remark() {
    assertThat(
            plan(
                "wait a week, and if they haven't replied create a task 'Call'. then, whether"
                    + " they replied or not, tag them 'Done'"))
        .isEqualTo(
            plan(
                "Wait 7 days. If no reply, create a task 'Call'. In any case, add the tag"
                    + " 'Done'."));
    assertThat(plan("if deal.value > $50k → +'Fast Track'. else (not > 50k) → tmpl 'Self Serve'"))
        .isEqualTo(
            plan(
                "If the deal value is over 50000, add tag 'Fast Track', otherwise send the"
                    + " template 'Self Serve'."));
    assertThat(
            plan(
                "**Churn save**\n- If deal.value >= $30,000 → hand off to @user.vpCS\n- else →"
                    + " send template 'Win-back Offer'"))
        .isEqualTo(
            plan(
                "If the deal value is at least 30000, hand off to @user.vpCS, otherwise send the"
                    + " template 'Win-back Offer'."));
  }

  @Test
  void a_story_with_a_want_or_a_need_in_it_is_skipped_when_it_names_no_action() {
    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            parser.parse(
                "Big deals need a senior person on them early. If the deal is worth more than"
                    + " $75,000, hand it off to @user.accountExec.");
    assertThat(parsed.plan())
        .isEqualTo(plan("If the deal value is over 75000, hand off to @user.accountExec."));
    assertThat(parsed.warnings()).anyMatch(w -> w.contains("Big deals need a senior person"));
    // an action in any form, or the agent addressed, keeps the sentence an order
    assertThat(rejection("We need you to double-check them. Tag them 'Hot'.")).isNotEmpty();
    assertThat(rejection("We need them emailed. Tag them 'Hot'.")).isNotEmpty();
    assertThat(rejection("New leads need a phone call first. Tag them 'Hot'.")).isNotEmpty();
  }

  @Test
  void second_language_forms_of_existence_dates_greetings_and_memory_keys() {
    assertThat(
            plan(
                "If contact.linkedinUrl is exist, send linkedin invite. If not exist, enrich"
                    + " contact."))
        .isEqualTo(plan("If contact.linkedinUrl exists, send a LinkedIn invite, else enrich."));
    assertThat(plan("If the field contact.phone does not exist, enrich the contact"))
        .isEqualTo(plan("If contact.phone does not exist, enrich."));
    assertThat(plan("Find contacts created since 30 days"))
        .isEqualTo(plan("Find contacts created in the last 30 days."));
    assertThat(plan("Hola, please send to the contact the email with the template 'Bienvenida'."))
        .isEqualTo(plan("Send the template 'Bienvenida'."));
    assertThat(plan("remember 'Seoul Expo 2024' as memory key event"))
        .isEqualTo(plan("Remember 'Seoul Expo 2024' as event."));
    assertThat(plan("wait 2 days and give them additionally the tag 'Onboarding gestartet'"))
        .isEqualTo(plan("Wait 2 days, then add the tag 'Onboarding gestartet'."));
    assertThat(plan("create for each one a task 'Call'")).isEqualTo(plan("Create a task 'Call'."));
  }

  @Test
  void the_outer_field_is_it_again_once_an_inner_branch_is_done() {
    // "it's 500 or fewer" had compared the inner condition's industry with 500: a wrong plan
    assertThat(
            plan(
                "If the company has more than 500 employees (company.employees), then check the"
                    + " industry: if company.industry is 'Healthcare', hand off to @user.hc;"
                    + " otherwise hand off to @user.ent. If it's 500 or fewer, send the 'SMB'"
                    + " template."))
        .isEqualTo(
            plan(
                "If company.employees > 500: if company.industry == 'Healthcare', hand off to"
                    + " @user.hc, otherwise hand off to @user.ent. Otherwise send the 'SMB'"
                    + " template."));
  }

  @Test
  void tags_taken_off_results_wanted_and_messages_told() {
    assertThat(plan("take the 'Do Not Contact' tag off them"))
        .isEqualTo(plan("Remove the tag 'Do Not Contact'."));
    assertThat(plan("If they replied, tag them 'Engaged' and remove 'Cold Outreach'."))
        .isEqualTo(
            plan("If they replied, add the tag 'Engaged' and remove the tag 'Cold Outreach'."));
    assertThat(plan("search the web for 'x', I only need 3 results"))
        .isEqualTo(plan("Search the web for 'x' and keep the top 3 results."));
    assertThat(plan("hand this off to @user.maria and tell her 'Hot lead'"))
        .isEqualTo(plan("Hand off to @user.maria with the message 'Hot lead'."));
    assertThat(plan("Please tag to 'Webinar Attendee' and 'Japan'."))
        .isEqualTo(plan("Add the tags 'Webinar Attendee' and 'Japan'."));
  }

  @Test
  void blocks_in_braces_nest_as_code_writes_them() {
    assertThat(
            plan(
                "if contact.replied == true { if deal.value >= 20000 { handoff @user.ae } else {"
                    + " create_task 'Send pricing' due 1d } } else { add_tag 'No Response' }"))
        .isEqualTo(
            plan(
                "If contact.replied == true: if deal.value >= 20000, hand off to @user.ae,"
                    + " otherwise create a task 'Send pricing' due in 1 day. Otherwise add the tag"
                    + " 'No Response'."));
    assertThat(plan("if deal.value > 5000 { add tag 'Big' } else { enrich }"))
        .isEqualTo(plan("If the deal value is over 5000, add the tag 'Big', otherwise enrich."));
    assertThat(
            rejection("if deal.value > 5000 { add tag 'Big' } else { enrich").getFirst().message())
        .startsWith("This brace is never closed");
  }

  @Test
  void an_invite_alone_is_the_linkedin_one_and_a_double_negative_is_no_reply() {
    assertThat(plan("if they have a linkedin url (contact.linkedinUrl exists) send an invite"))
        .isEqualTo(plan("If contact.linkedinUrl exists, send a LinkedIn invite."));
    assertThat(rejection("send them an invite for the Thursday demo")).isNotEmpty();
    assertThat(rejection("send a calendar invite")).isNotEmpty();
    assertThat(plan("wait one week and if he don't answer nothing, send the 'Bump' template"))
        .isEqualTo(plan("Wait 7 days. If no reply, send the 'Bump' template."));
  }

  @Test
  void a_list_of_bare_values_ends_at_a_step_verb() {
    assertThat(plan("if the city is Austin or Dallas tag them 'Texas'"))
        .isEqualTo(plan("If the city is 'Austin' or the city is 'Dallas', add the tag 'Texas'."));
    assertThat(plan("if the company industry is Ecommerce or Retail send the 'DTC' template"))
        .isEqualTo(
            plan(
                "If company.industry == 'Ecommerce' or company.industry == 'Retail', send the"
                    + " 'DTC' template."));
  }

  @Test
  void the_first_results_title_said_in_words_is_remembered() {
    assertThat(
            plan("search the web for 'x'. Save the first result's title to memory as launchNews."))
        .isEqualTo(
            plan("Search the web for 'x', then remember @search.results[0].title as launchNews."));
    assertThat(plan("save the top result url as link1"))
        .isEqualTo(plan("Remember @search.results[0].url as link1."));
  }

  @Test
  void a_documents_title_goal_and_labelled_fields_are_read_as_a_document() {
    assertThat(plan("Pricing page follow-up (sales-assisted)\n\n- Send template \"Proposal\""))
        .isEqualTo(plan("Send the 'Proposal' template."));
    assertThat(plan("Event follow-up: SaaStr booth scans\n\nSend template \"A\""))
        .isEqualTo(plan("Send the 'A' template."));
    assertThat(plan("Research step\n\nLook up \"@company.name funding\" on the web."))
        .isEqualTo(plan("Search the web for '@company.name funding'."));
    assertThat(rejection("Note: call them\n\nSend template \"A\"")).isNotEmpty();
    assertThat(
            plan(
                "Goal: fill 20 seats. Keep it personal. Owner: CS Ops.\n\n- Send template"
                    + " \"Invite\""))
        .isEqualTo(plan("Send the 'Invite' template."));
    assertThat(plan("Goal: fill 20 seats. Send template \"Invite\"."))
        .isEqualTo(plan("Send the 'Invite' template."));
    assertThat(plan("1. Send LinkedIn invite. Note: \"Hi there.\"\n2. Wait 2 days"))
        .isEqualTo(plan("Send a LinkedIn invite with the note 'Hi there.', then wait 2 days."));
    Plan email = plan("Send an email with the subject 'S' and the body 'B'.");
    assertThat(plan("- Send email\n  - Subject: \"S\"\n  - Body: \"B\"")).isEqualTo(email);
    assertThat(plan("1. Tag: \"T\"\n2. Email:\n   Subject: \"S\"\n   Body: \"B\""))
        .isEqualTo(plan("Add the tag 'T'. Send an email with the subject 'S' and the body 'B'."));
  }

  @Test
  void a_question_asked_with_confirm_or_verify_is_answered_in_later_sentences() {
    assertThat(
            plan(
                "Step 1: Please confirm if contact.healthScore is less than 40. Step 2: If it is"
                    + " so, please add tag 'At Risk'. Step 3: If it is not so, please do nothing."))
        .isEqualTo(plan("If contact.healthScore < 40, add the tag 'At Risk'."));
    assertThat(plan("Please check if deal.value is more than 50000; in that case tag as 'Big'."))
        .isEqualTo(plan("If deal.value > 50000, add the tag 'Big'."));
    assertThat(
            plan(
                "If the contact replied, verify the deal stage: when it is 'Negotiation', hand off"
                    + " to @user.ae; when it is not, add tag 'Engaged'."))
        .isEqualTo(
            plan(
                "If the contact replied: if deal.stage == 'Negotiation', hand off to @user.ae,"
                    + " otherwise add the tag 'Engaged'."));
    // the other answer in a sentence of its own belongs to the question, not to the outer branch
    assertThat(
            plan(
                "If they've replied, check if their title contains 'Chief'. If yes, hand off to"
                    + " @user.vp. If no, add tag 'Q'. And if they haven't replied, add tag 'B'."))
        .isEqualTo(
            plan(
                "If they replied: if contact.title contains 'Chief', hand off to @user.vp,"
                    + " otherwise add the tag 'Q'. Otherwise add the tag 'B'."));
  }

  @Test
  void comparisons_said_as_anything_other_than_or_a_number_or_under() {
    assertThat(
            plan(
                "If company.industry == 'Healthcare': add tag 'A'. If the industry is anything"
                    + " other than Healthcare, send the 'General' template."))
        .isEqualTo(
            plan(
                "If company.industry == 'Healthcare', add tag 'A', otherwise send the 'General'"
                    + " template."));
    assertThat(
            plan(
                "if company.employees is over 500, add tag 'A'. if it's 500 or under, add tag 'B'"))
        .isEqualTo(plan("If company.employees > 500, add tag 'A', otherwise add tag 'B'."));
    assertThat(plan("Search all contacts with the title 'Inkoper' in it."))
        .isEqualTo(plan("Find contacts where title contains 'Inkoper'."));
    assertThat(plan("find the contacts whose designation contains 'Manager'"))
        .isEqualTo(plan("Find contacts where title contains 'Manager'."));
  }

  @Test
  void chat_shorthand_around_ordinary_steps() {
    assertThat(plan("fyi set company industry to 'Healthcare'"))
        .isEqualTo(plan("Set the company field 'industry' to 'Healthcare'."));
    assertThat(plan("send 'Alert' template to ops@brightlane.io asap"))
        .isEqualTo(plan("Send the 'Alert' template to ops@brightlane.io."));
    assertThat(plan("assign a task 'Review' to @user.vp with due date after 10 days."))
        .isEqualTo(plan("Create a task 'Review' due in 10 days for @user.vp."));
    assertThat(
            plan(
                "if they still haven't replied then two things send the 'Nudge' template and loop"
                    + " in @user.lead"))
        .isEqualTo(plan("If no reply, send the 'Nudge' template and hand off to @user.lead."));
    assertThat(plan("if they replied tag them 'A' and if they didn't reply at all tag them 'S'"))
        .isEqualTo(plan("If they replied, add tag 'A', otherwise add tag 'S'."));
  }

  @Test
  void bold_lines_are_headings_and_a_checked_field_heads_a_list_of_its_branches() {
    assertThat(plan("Wait 1 day\n\n**Day 4 — reminder**\n- Send template \"A\""))
        .isEqualTo(plan("Wait 1 day, then send the 'A' template."));
    assertThat(plan("**Send the Welcome template**\n\nWait 1 day"))
        .isEqualTo(plan("Send the 'Welcome' template, then wait 1 day."));
    assertThat(plan("**If no reply**\n- Send template \"A\""))
        .isEqualTo(plan("If no reply, send the 'A' template."));
    assertThat(
            plan(
                "Check the lead score:\n- if it is over 80 → add tag \"A\"\n- otherwise → add tag \"B\""))
        .isEqualTo(plan("If the lead score is over 80, add tag 'A', otherwise add tag 'B'."));
    assertThat(
            plan(
                "Check contact.rebooked:\n- if contact.rebooked is true → remove tag \"No-Show\"\n"
                    + "- if not → add tag \"Lost\""))
        .isEqualTo(
            plan("If contact.rebooked == true, remove tag 'No-Show', otherwise add tag 'Lost'."));
    assertThat(plan("wait 4 days. regardless of reply, add tag 'Done'"))
        .isEqualTo(plan("Wait 4 days, then add the tag 'Done'."));
  }

  @Test
  void a_name_corrected_in_the_next_line_takes_the_old_ones_place() {
    assertThat(plan("send the 'Intro' template\nactually, make it 'Intro v2'"))
        .isEqualTo(plan("Send the 'Intro v2' template."));
    assertThat(
            plan(
                "create task \"call @contact.firstName\" due in 2 days for @user.salesRep\n"
                    + "*@user.sdr not salesRep"))
        .isEqualTo(plan("Create a task 'call @contact.firstName' due in 2 days for @user.sdr."));
    // quoted text is corrected by its first word: 'Marketing' is no template's name
    assertThat(
            plan(
                "find contacts where title contains 'Marketing' and send the 'Webinar' template\n"
                    + "actually use 'Webinar v2'"))
        .isEqualTo(
            plan(
                "Find contacts where title contains 'Marketing', send the 'Webinar v2' template."));
    assertThat(rejection("create task 'Call' for @user.salesRep\n@user.sdr")).isNotEmpty();
  }

  @Test
  void an_action_on_all_contacts_whose_fields_match_searches_for_them_first() {
    // had been the action on this contact, then a search
    assertThat(plan("send the 'X' template to all contacts whose title contains 'Marketing'"))
        .isEqualTo(
            plan("Find contacts where title contains 'Marketing', then send the 'X' template."));
    assertThat(plan("add tag 'A' to all contacts whose title contains 'Marketing'"))
        .isEqualTo(plan("Find contacts where title contains 'Marketing', then add the tag 'A'."));
    assertThat(plan("send the 'X' template to everyone w/ title containing 'Marketing'"))
        .isEqualTo(
            plan("Find contacts where title contains 'Marketing', then send the 'X' template."));
  }

  @Test
  void a_reason_before_so_is_skipped_and_a_qualified_field_may_follow_the() {
    assertThat(plan("they signed the renewal so drop the 'Churn Risk' tag and add 'Renewed'"))
        .isEqualTo(plan("Remove the tag 'Churn Risk' and add the tag 'Renewed'."));
    assertThat(rejection("they asked for a call so book a meeting")).isNotEmpty();
    assertThat(
            plan(
                "If the contact.role is 'Admin' or the contact.role is 'Billing', add tag 'A'."
                    + " Otherwise nothing is to be done."))
        .isEqualTo(
            plan("If contact.role == 'Admin' or contact.role == 'Billing', add the tag 'A'."));
  }

  @Test
  void a_condition_asked_as_a_question_is_answered_by_yes_and_no() {
    Plan exists =
        plan("If contact.linkedinUrl exists, send a LinkedIn invite, otherwise add tag 'No LI'.");
    assertThat(
            plan(
                "Does contact.linkedinUrl exist?\n- Yes: send LinkedIn invite\n- No: add tag 'No LI'"))
        .isEqualTo(exists);
    assertThat(plan("Is the lead score over 50? If yes, add tag 'A'. If no, add tag 'B'."))
        .isEqualTo(plan("If the lead score is over 50, add tag 'A', otherwise add tag 'B'."));
    assertThat(plan("Has the contact replied? Yes: add tag 'A'. No: add tag 'B'."))
        .isEqualTo(plan("If the contact replied, add tag 'A', otherwise add tag 'B'."));
    assertThat(rejection("Is it possible to text them? If so, add tag 'A'.")).isNotEmpty();
  }

  @Test
  void the_plans_own_action_names_called_as_functions() {
    assertThat(plan("send_email(template=\"Intro\")\nwait(3d)\nadd_tag(\"A\", \"B\")"))
        .isEqualTo(plan("Send the 'Intro' template, wait 3 days, then add the tags 'A' and 'B'."));
    assertThat(plan("create_task(title=\"Call back\", due=2d, assignee=@user.sdr)"))
        .isEqualTo(plan("Create a task 'Call back' due in 2 days for @user.sdr."));
    assertThat(plan("update_field(deal, priority, \"Low\")"))
        .isEqualTo(plan("Set the deal priority to 'Low'."));
    assertThat(plan("web_search(\"@company.name news\", max=3)"))
        .isEqualTo(plan("Search the web for '@company.name news', top 3 results."));
    assertThat(plan("handoff(to=@user.ae, message=\"Hot lead\")"))
        .isEqualTo(plan("Hand off to @user.ae with the message 'Hot lead'."));
    // a parameter the action does not have is refused, not dropped
    assertThat(rejection("send_email(template=\"Intro\", priority=\"high\")")).isNotEmpty();
  }

  @Test
  void a_comment_after_a_rule_says_why_and_is_no_step() {
    assertThat(plan("add_tag(\"Paid\")  // converted last week\nwait(2d)  # give them time"))
        .isEqualTo(plan("Add the tag 'Paid', then wait 2 days."));
    // inside quotes the marks are text, and a link keeps its slashes
    assertThat(plan("add tag 'A // B'")).isEqualTo(plan("Add the tag \"A // B\"."));
    assertThat(plan("web search 'https://acme.com/news'"))
        .isEqualTo(plan("Search the web for 'https://acme.com/news'."));
  }

  @Test
  void speech_as_transcribed_hesitations_spoken_periods_and_corrections() {
    // "uh" had become part of the unquoted tag names: a wrong plan
    assertThat(plan("tag them hot lead and uh remove the tag cold"))
        .isEqualTo(plan("Add the tag 'hot lead', then remove the tag 'cold'."));
    assertThat(
            plan(
                "send the template called intro period if they dont reply after five days"
                    + " send the template called second touch"))
        .isEqualTo(
            plan(
                "Send the 'intro' template. If no reply after 5 days, send the 'second touch'"
                    + " template."));
    assertThat(plan("set the contact status to trial period"))
        .isEqualTo(plan("Set the contact status to 'trial period'."));
    assertThat(plan("wait three days no make that four and then send the template called nudge"))
        .isEqualTo(plan("Wait 4 days, then send the 'nudge' template."));
    assertThat(
            plan(
                "create a task call them about the renewal due in two days actually make it"
                    + " three and assign it to @user.salesRep"))
        .isEqualTo(
            plan("Create a task 'call them about the renewal' due in 3 days for @user.salesRep."));
  }

  @Test
  void an_unquoted_name_stops_before_otherwise_and_a_currency_code_makes_money() {
    assertThat(
            plan(
                "if they dont have a linkedin url send the template called no linkedin intro"
                    + " otherwise send them a linkedin invite"))
        .isEqualTo(
            plan(
                "If contact.linkedinUrl does not exist, send the 'no linkedin intro' template,"
                    + " otherwise send a LinkedIn invite."));
    // "250.000" had been 250
    assertThat(plan("If the deal value exceeds EUR 250.000, add tag 'A'."))
        .isEqualTo(plan("If the deal value is over 250000, add tag 'A'."));
  }

  @Test
  void a_written_procedure_its_frame_sections_and_formal_phrasing() {
    assertThat(
            plan(
                "1. Purpose\nThis procedure governs the outreach to new prospects.\n\n2. Scope\n"
                    + "This procedure applies to all Contacts created today.\n\n3. Procedure\n"
                    + "3.1 The system shall identify all Contacts created today.\n"
                    + "3.2 Each such Contact shall be sent the email template 'Welcome'.\n\n"
                    + "4. Document Control\n4.1 This SOP is owned by the Head of Sales."))
        .isEqualTo(plan("Find contacts created today, then send the 'Welcome' template."));
    assertThat(
            plan(
                "The system shall identify each Contact whose city is 'Leeds' or whose city is"
                    + " 'York'. Each Contact so identified shall be handed off to @user.north."))
        .isEqualTo(
            plan(
                "Find contacts where city is 'Leeds' or city is 'York', then hand off to"
                    + " @user.north."));
    assertThat(
            plan(
                "In the event that the Contact has not replied within seven (7) calendar days of"
                    + " dispatch, the template 'Reminder' shall be sent."))
        .isEqualTo(plan("If no reply after 7 days, send the 'Reminder' template."));
    assertThat(plan("Subject to the Deal Value being $12k or above, the tag 'A' shall be applied."))
        .isEqualTo(plan("If the deal value is at least 12000, add tag 'A'."));
    // a section that says why is no step, but "Context:" may carry the steps on its line
    assertThat(rejection("1. Purpose\nTo send the 'Welcome' template to new contacts."))
        .isNotEmpty();
  }

  @Test
  void a_trades_word_for_contacts_and_a_spelled_amount_in_an_ordering() {
    // "five hundred dollars" had stayed words: a wrong plan
    assertThat(plan("find donors with lastYearDonation over five hundred dollars, add tag 'Major'"))
        .isEqualTo(plan("Find contacts where lastYearDonation > 500, then add the tag 'Major'."));
    assertThat(plan("find members where membershipStatus is 'Expired', add tag 'Lapsed'"))
        .isEqualTo(
            plan("Find contacts where membershipStatus is 'Expired', then add the tag 'Lapsed'."));
  }

  @Test
  void a_terse_step_joined_to_the_next_by_and_or_plus() {
    assertThat(plan("send 'X' template\nsend 'Y' and add tag 'B'"))
        .isEqualTo(plan("Send the 'X' template, send the 'Y' template, then add the tag 'B'."));
    assertThat(plan("deal stage → 'Closed Lost' + remove tag 'in-pipeline' + add tag 'lost-q3'"))
        .isEqualTo(
            plan(
                "Set the deal stage to 'Closed Lost', remove the tag 'in-pipeline' and add the"
                    + " tag 'lost-q3'."));
  }

  @Test
  void lines_indented_under_a_colon_are_its_block() {
    Plan nested =
        plan(
            "if deal stage is 'Negotiation':\n  - if deal value >= $50k → hand off to"
                + " @user.vp\n  - else → create task 'discount' due in 2 days\nelse → tag 'later'");
    assertThat(
            plan(
                "if deal stage is 'Negotiation':\n  if deal value >= $50k → hand off to @user.vp\n"
                    + "  else → create task 'discount' due in 2 days\nelse → tag 'later'"))
        .isEqualTo(nested);
    assertThat(nested.steps()).hasSize(1);
    // a line with a marker of its own keeps it
    assertThat(plan("If contact.replied == true:\n   1.1 Add tag 'A'\n   1.2 Add tag 'B'"))
        .isEqualTo(plan("If the contact replied, add the tags 'A' and 'B'."));
    // a value is no ranking ("is in top 10%")
    assertThat(rejection("if contact.lifetimeValue is in top 10%:\n    send template 'VIP'"))
        .isNotEmpty();
  }

  @Test
  void a_sign_off_with_a_name_and_a_company_is_no_step() {
    Plan tag = plan("Add the tag 'VIP'.");
    assertThat(plan("Add the tag 'VIP'.\n\nKind regards,\nHarold Finch, CPA")).isEqualTo(tag);
    assertThat(plan("Add the tag 'VIP'. Thanks! Ben @ Roast Republic")).isEqualTo(tag);
    assertThat(plan("Add the tag 'VIP'. Thank you,\nMaureen\nMaple Street Accounting"))
        .isEqualTo(tag);
    // "-J" had been read as removing the tag "J": a wrong plan
    assertThat(plan("Add the tag 'VIP'. thx!! -J")).isEqualTo(tag);
    // a bullet is no sign-off, and a closing inside quoted text stays
    assertThat(plan("Remove tags:\n- Trial\n- Onboarding"))
        .isEqualTo(plan("Remove the tags 'Trial' and 'Onboarding'."));
    assertThat(
            action(plan("Send an email with subject 'Hi' and body 'See you. - Marco'"), 0).params())
        .containsEntry("body", "See you. - Marco");
  }

  @Test
  void a_sign_after_the_word_tag_adds_or_removes() {
    assertThat(plan("tag- trial; tag+ paid, vip"))
        .isEqualTo(plan("Remove the tag 'trial', then add the tags 'paid' and 'vip'."));
  }

  @Test
  void a_call_without_parentheses_takes_key_value_arguments() {
    assertThat(plan("web_search q=\"@company.name layoffs\" max=10"))
        .isEqualTo(plan("Search the web for '@company.name layoffs', top 10 results."));
    assertThat(plan("task \"Send deck\" due=1d assignee=@user.owner"))
        .isEqualTo(plan("Create a task 'Send deck' due in 1 day for @user.owner."));
    assertThat(plan("upd deal field=stage val=Negotiation"))
        .isEqualTo(plan("Set the deal stage to 'Negotiation'."));
    assertThat(plan("remember fundingHook=@search.results[0].title"))
        .isEqualTo(plan("Remember @search.results[0].title as fundingHook."));
    assertThat(plan("li invite note=\"Hi @contact.firstName\"; email tmpl 'Intro' to=ops@acme.io"))
        .isEqualTo(
            plan(
                "Send a LinkedIn invite with the note 'Hi @contact.firstName', then send the"
                    + " 'Intro' template to ops@acme.io."));
    // a due date that is no number of days is refused, not a crash
    assertThat(rejection("task \"X\" due=soon")).isNotEmpty();
    assertThat(plan("create_task(title=\"X\", due=\"2d\")"))
        .isEqualTo(plan("Create a task 'X' due in 2 days."));
  }

  @Test
  void the_writer_speaking_of_themselves_is_no_step() {
    Plan tag = plan("Add the tag 'Gold'.");
    assertThat(plan("Add the tag 'Gold'. (We give Gold folks free shipping in Shopify anyway.)"))
        .isEqualTo(tag);
    assertThat(plan("Hi! Marcy here from Sunbelt Realty 👋 Add the tag 'Gold'.")).isEqualTo(tag);
    // a condition in parentheses, a quote inside and a note's text are no asides
    assertThat(
            plan(
                "If the deal's over £30,000 and (they're in retail or they're in e-commerce),"
                    + " add the tag 'A'."))
        .isEqualTo(
            plan(
                "If deal.value > 30000 and (company.industry is 'retail' or company.industry is"
                    + " 'e-commerce'), add the tag 'A'."));
    assertThat(action(plan("Send a LinkedIn invite with the note 'Fellow nerd here!'"), 0).params())
        .containsEntry("note", "Fellow nerd here!");
  }

  @Test
  void local_money_formats_and_other_words_for_moving_a_stage_and_passing_a_deal() {
    assertThat(plan("If the deal value is more than Rp 50.000.000, add tag 'A'."))
        .isEqualTo(plan("If the deal value is over 50000000, add tag 'A'."));
    assertThat(plan("If the deal value is more than 250.000 TL, add tag 'A'."))
        .isEqualTo(plan("If the deal value is over 250000, add tag 'A'."));
    assertThat(plan("Move the deal stage to 'Renewed' and pass the deal to @user.marco."))
        .isEqualTo(plan("Set the deal stage to 'Renewed', then hand off to @user.marco."));
    // three groups of digits are no money unless they are thousands
    assertThat(rejection("version 1.2.3 tag 'x'")).isNotEmpty();
  }

  @Test
  void neither_of_them_is_no_value() {
    // had been the condition title == 'neither of them': a wrong plan
    assertThat(
            rejection(
                "If contact.title contains 'CEO', add tag 'A'. When the title is neither of them,"
                    + " send template 'Intro'."))
        .isNotEmpty();
  }

  @Test
  void not_exist_and_an_else_that_restates_the_opposite() {
    // "is not exist" had been != 'exist'
    assertThat(plan("If contact.linkedinUrl is not exist, add tag 'A'."))
        .isEqualTo(plan("If contact.linkedinUrl does not exist, add tag 'A'."));
    Plan plain = plan("If the contact replied, add tag 'A', otherwise add tag 'B'.");
    assertThat(
            plan(
                "If contact replied, add tag 'A'. Otherwise, when contact not replied at all, add"
                    + " tag 'B'."))
        .isEqualTo(plain);
    // an else that asks something else stays a question
    assertThat(
            plan(
                "If the contact replied, add tag 'A'. Otherwise, if the lead score is over 50,"
                    + " add tag 'B'."))
        .isNotEqualTo(plain);
  }

  @Test
  void a_playbooks_callouts_toggles_and_exit_criteria_are_no_steps_and_its_audience_search_stays() {
    Plan steps = plan("Send email using template 'Kickoff Recap', then add tag 'Onboarding'.");
    assertThat(
            plan(
                "**Steps:**\n1. Send email using template 'Kickoff Recap'\n2. Add tag 'Onboarding'\n"
                    + "**Exit criteria:** task created, nothing else happens.\n"
                    + "> Note: the recap template pulls the kickoff date.\n"
                    + "💡 Tip: Apollo credits are shared.\n"
                    + "▶ How we measured this\n    Cohort analysis from Q1."))
        .isEqualTo(steps);
    // the audience section's search had been dropped with the trigger: a wrong plan
    assertThat(
            plan(
                "**Trigger:** manual, the CSM clicks Run Now\n**Audience:** find contacts where city"
                    + " is 'Oslo'\n**Steps:**\n- [ ] Add tag 'A'"))
        .isEqualTo(plan("Find contacts where city is 'Oslo', then add tag 'A'."));
    // "Note:" after an invite is still its note
    assertThat(action(plan("Send a LinkedIn invite\nNote: 'Hi @contact.firstName'"), 0).params())
        .containsEntry("note", "Hi @contact.firstName");
  }

  @Test
  void a_reason_said_on_its_label_line_ends_with_its_paragraph() {
    // "Why: …" had run to the end of the text and taken the steps with it: a wrong plan
    assertThat(
            plan(
                "Who: contacts where status is 'MQL'.\nWhy: the old sequence was too much.\n\n"
                    + "- Send the 'MQL Welcome' template\n- Wait 3 days\n- Add tag 'Nurtured'"))
        .isEqualTo(
            plan(
                "Find contacts where status is 'MQL', send the 'MQL Welcome' template, wait 3"
                    + " days, then add tag 'Nurtured'."));
  }

  @Test
  void a_name_alone_after_a_day_marker_is_the_template_sent_that_day() {
    assertThat(plan("Day 0 - 'Welcome'\nDay 3 - 'Customer Story'\nDay 8 - 'ROI'"))
        .isEqualTo(
            plan(
                "Send the 'Welcome' template, wait 3 days, send the 'Customer Story' template,"
                    + " wait 5 days, then send the 'ROI' template."));
  }

  @Test
  void the_team_hearing_nothing_back_is_no_reply() {
    assertThat(
            plan("Send the 'X' template. If we hear nothing back after 3 days, add tag 'Quiet'."))
        .isEqualTo(plan("Send the 'X' template. If no reply after 3 days, add tag 'Quiet'."));
  }

  @Test
  void the_plans_action_names_as_labels_and_alone() {
    assertThat(
            plan("search_contacts: title contains \"CTO\" && leadScore >= 70\n-> enrich_contact"))
        .isEqualTo(
            plan(
                "Find contacts where title contains 'CTO' and lead score is at least 70, then"
                    + " enrich them."));
  }

  @Test
  void tags_popped_on_and_stripped_off_and_the_new_admin() {
    assertThat(plan("take the 'Prospect' tag off, pop a 'Client' tag on instead"))
        .isEqualTo(plan("Remove the tag 'Prospect', then add the tag 'Client'."));
    assertThat(plan("strip the 'Old Campaign' tag off 'em"))
        .isEqualTo(plan("Remove the tag 'Old Campaign'."));
    assertThat(plan("Connect with the new admin on LinkedIn (no note needed)"))
        .isEqualTo(plan("Send a LinkedIn invite."));
  }

  @Test
  void when_the_agent_runs_is_its_trigger_not_a_condition() {
    assertThat(plan("Hi, quick one: when this runs, set the deal stage to 'Offer Extended'."))
        .isEqualTo(plan("Set the deal stage to 'Offer Extended'."));
  }

  @Test
  void a_trades_word_for_the_contact_in_the_possessive() {
    assertThat(plan("If the candidate's title contains 'Senior', add tag 'A'."))
        .isEqualTo(plan("If the contact's title contains 'Senior', add tag 'A'."));
  }

  @Test
  void terse_abbreviations_of_company_and_value_and_a_bare_wait_after_no_reply() {
    assertThat(plan("if deal val >= 12.000 € → handoff @user.am msg 'big one'"))
        .isEqualTo(
            plan(
                "If the deal value is at least 12000, hand off to @user.am with the message 'big one'."));
    assertThat(plan("if co size > 50 → tmpl 'founders'"))
        .isEqualTo(plan("If the company size is over 50, send the 'founders' template."));
    assertThat(plan("tmpl 'intro a' → no reply 4d → tmpl 'bump 1'"))
        .isEqualTo(
            plan(
                "Send the 'intro a' template. If no reply after 4 days, send the 'bump 1' template."));
  }

  @Test
  void an_unquoted_value_after_an_arrow_when_the_entity_is_named() {
    assertThat(plan("deal stage → 'Negotiation' + deal priority → high"))
        .isEqualTo(
            plan(
                "Set the deal stage to 'Negotiation', then set the deal field 'priority' to 'high'."));
    // a field without its entity stays a condition or a filter, never an update
    assertThat(rejection("title → VP")).isNotEmpty();
  }

  @Test
  void not_before_parentheses_negates_what_they_hold() {
    // the words before the parentheses had been skipped as a restatement, the NOT with them
    Plan expected =
        plan("If not (contact.status == 'Hired' or contact.status == 'Withdrawn'), add tag 'A'.");
    assertThat(
            plan(
                "If the candidate is NOT (contact.status == 'Hired' or contact.status == 'Withdrawn'), add tag 'A'."))
        .isEqualTo(expected);
    assertThat(
            plan(
                "When it is not true that (contact.status == 'Hired' or contact.status == 'Withdrawn'), add tag 'A'."))
        .isEqualTo(expected);
  }

  @Test
  void an_ordering_compared_with_words_is_refused_and_a_spaced_currency_is_money() {
    // "goes over € 10.000 please post in Slack" had compared deal.goes with the words after it
    assertThat(
            rejection(
                "When a deal goes over € 10.000 please post in our Slack channel and tag them 'Big'."))
        .isNotEmpty();
    assertThat(plan("If the deal value is over € 10.000, add tag 'Big'."))
        .isEqualTo(plan("If the deal value is over 10000, add tag 'Big'."));
    assertThat(plan("Set the deal value to R$ 20 mil."))
        .isEqualTo(plan("Set the deal value to 20000."));
  }

  @Test
  void a_what_to_do_label_announces_the_steps_and_is_no_filter() {
    // it had been read as a second value of the filter above it ("city is 'to do'")
    assertThat(plan("Who: contacts where city is 'Oslo'\nWhat to do:\n• add tag 'X'"))
        .isEqualTo(plan("Find contacts where city is 'Oslo', then add tag 'X'."));
    assertThat(plan("Who: contacts where city is 'Oslo'\nWhat to do: send the 'Y' template"))
        .isEqualTo(plan("Find contacts where city is 'Oslo', then send the 'Y' template."));
  }

  @Test
  void a_memory_key_named_before_its_value() {
    Plan expected = plan("Remember '412 Oak St' as @memory.listing.");
    assertThat(plan("remember listing = '412 Oak St'")).isEqualTo(expected);
    assertThat(plan("keep in the memory the key 'listing' with value '412 Oak St'"))
        .isEqualTo(expected);
  }

  @Test
  void a_correction_in_brackets_and_a_renaming_with_its_reason() {
    assertThat(
            plan(
                "Send the 'A' template. If no reply after four days (actually, make that 6 days,"
                    + " people are slow) send the 'B' template."))
        .isEqualTo(plan("Send the 'A' template. If no reply after 6 days, send the 'B' template."));
    assertThat(
            plan(
                "Send the 'Proposal Check-In' template. Actually, let's use 'Proposal Nudge'"
                    + " instead, it's a bit softer."))
        .isEqualTo(plan("Send the 'Proposal Nudge' template."));
  }

  @Test
  void a_line_in_words_that_opens_a_list_introduces_it() {
    assertThat(
            plan("I'd love to automate my follow-up, if possible:\n- add tag 'A'\n- wait 2 days"))
        .isEqualTo(plan("Add tag 'A', then wait 2 days."));
    // an action the plan has no step for is no introduction
    assertThat(rejection("Call everyone on the list first:\n- add tag 'A'")).isNotEmpty();
  }

  @Test
  void a_period_of_days_after_which_is_a_wait_not_the_trigger() {
    // "after a period of one (1) day," had been skipped as the moment the agent runs
    assertThat(plan("Add tag 'A'. After a period of one (1) day, send the 'X' template."))
        .isEqualTo(plan("Add tag 'A', wait 1 day, then send the 'X' template."));
  }

  @Test
  void terse_linkedin_note_and_follow_up_task_and_their_field_path() {
    assertThat(plan("LI note 'hi there'"))
        .isEqualTo(plan("Send a LinkedIn invite with the note 'hi there'."));
    assertThat(plan("f/u task 'call' due in 1 day"))
        .isEqualTo(plan("Create a task 'call' due in 1 day."));
    assertThat(plan("If their contact.age is at least 18, add tag 'Adult'."))
        .isEqualTo(plan("If contact.age >= 18, add tag 'Adult'."));
  }

  @Test
  void a_who_label_over_bullets_is_the_search_and_its_filters() {
    assertThat(plan("Who:\n- status is 'SQL'\n- leadScore above 70\nWhat to do:\n- enrich"))
        .isEqualTo(
            plan(
                "Find contacts where status is 'SQL' and lead score is over 70, then enrich them."));
  }

  @Test
  void then_and_else_as_bullets_indented_under_their_if() {
    assertThat(
            plan(
                "- IF contact.title contains 'Head of'\n  - THEN hand off to @user.ae\n"
                    + "  - ELSE add tag 'Mid'"))
        .isEqualTo(
            plan(
                "If the contact's title contains 'Head of', hand off to @user.ae; otherwise add"
                    + " tag 'Mid'."));
  }

  @Test
  void a_title_line_skipped_above_the_steps_says_so() {
    ParseResult result =
        parser.parse("Outbound cadence – Director+\n1) Send template 'A'\n2) add tag 'x'");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) result).warnings())
        .containsExactly("Skipped 'Outbound cadence – Director+': it says nothing to do.");
  }

  @Test
  void greetings_and_thanks_in_other_languages_around_the_request() {
    assertThat(plan("Merhaba,\nplease add tag 'Istanbul'.\nÇok teşekkürler"))
        .isEqualTo(plan("Add tag 'Istanbul'."));
    assertThat(plan("Habari! Please add tag 'Nairobi'. Asante sana"))
        .isEqualTo(plan("Add tag 'Nairobi'."));
  }

  @Test
  void money_with_a_decimal_comma_and_more_currency_codes() {
    assertThat(plan("Set the deal value to 12.500,00 zł."))
        .isEqualTo(plan("Set the deal value to 12500."));
    assertThat(plan("If form.budget is more than 50.000 EGP, add tag 'A'."))
        .isEqualTo(plan("If form.budget > 50000, add tag 'A'."));
  }

  @Test
  void the_part_of_the_first_result_named_first() {
    assertThat(plan("search the web for 'x' and remember the title of first result as 'news'"))
        .isEqualTo(
            plan(
                "Search the web for 'x', then remember @search.results[0].title as @memory.news."));
  }

  @Test
  void an_interjection_before_a_correction_and_the_wait_made_longer() {
    assertThat(
            plan(
                "Wait 1 day and then send the 'Replay' template? Oh, actually, make the wait 2"
                    + " days, we want the replay edited first."))
        .isEqualTo(plan("Wait 2 days, then send the 'Replay' template."));
  }

  @Test
  void the_contacts_field_path_after_a_possessive_and_if_its_less_is_the_other_case() {
    assertThat(plan("If the patient's contact.verified is true, add tag 'A'."))
        .isEqualTo(plan("If contact.verified == true, add tag 'A'."));
    assertThat(
            plan(
                "If the deal value is more than $20k, hand off to @user.lead. If it's less, no"
                    + " action needed."))
        .isEqualTo(plan("If the deal value is more than 20000, hand off to @user.lead."));
  }

  @Test
  void a_heading_before_a_step_is_skipped_with_a_warning() {
    // it had been dropped without a word, so a restriction said that way went unseen
    ParseResult result = parser.parse("Clinics in Lyon: add tag 'A'");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    assertThat(((ParseResult.Parsed) result).warnings())
        .containsExactly("Skipped 'Clinics in Lyon:': it says nothing to do.");
  }

  @Test
  void an_email_sent_to_the_contact_by_a_trades_name_for_them() {
    assertThat(plan("Could you send our 'Cleaning Reminder' template to the patient?"))
        .isEqualTo(plan("Send the 'Cleaning Reminder' template."));
  }
}
