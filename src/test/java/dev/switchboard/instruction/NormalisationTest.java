package dev.switchboard.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mechanisms added for text from new authors (docs/parser.md, "Reading new authors"): the
 * normalisation table read after a refusal, and the grammar's general fixes. Each test states the
 * whole plan, so a wrong reading fails.
 */
class NormalisationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final InstructionParser parser = new BuiltInParser();

  private String json(String text) {
    ParseResult result = parser.parse(text);
    assertThat(result).as("parse of %s", text).isInstanceOf(ParseResult.Parsed.class);
    return JSON.writeValueAsString(PlanJson.write(((ParseResult.Parsed) result).plan()));
  }

  private List<String> warnings(String text) {
    return ((ParseResult.Parsed) parser.parse(text)).warnings();
  }

  private List<ParseDetail> refusal(String text) {
    ParseResult result = parser.parse(text);
    assertThat(result).as("parse of %s", text).isInstanceOf(ParseResult.Unparseable.class);
    return ((ParseResult.Unparseable) result).details();
  }

  @Test
  void
      filler_and_the_frame_of_a_specification_say_nothing_and_synonyms_read_as_the_grammars_words() {
    String text =
        "The agent shall kindly dispatch the 'Intro' template, and subsequently wait 2 days.";

    assertThat(json(text))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}},"
                + "{\"type\":\"wait\",\"params\":{\"duration\":\"P2D\"}}]}");
    assertThat(warnings(text)).contains("Read 'dispatch' as 'send'.");
  }

  @Test
  void a_refusal_after_normalisation_still_points_at_the_words_as_written() {
    String text = "The agent shall kindly book a flight for @contact.firstName.";

    List<ParseDetail> details = refusal(text);

    assertThat(details).hasSize(1);
    ParseDetail detail = details.getFirst();
    assertThat(text.substring(detail.start(), detail.end())).contains("book a flight");
  }

  @Test
  void text_that_reads_as_written_is_not_normalised() {
    assertThat(warnings("Wait 2 days, then send the 'Intro' template")).isEmpty();
  }

  @Test
  void replies_said_with_other_verbs_are_replies() {
    assertThat(json("Wait 3 days. If the contact has not reverted back, send template 'Bump'."))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"wait\",\"params\":{\"duration\":\"P3D\"}},{\"type\":\"if\","
                + "\"condition\":{\"field\":\"contact.replied\",\"operator\":\"==\",\"value\":false},"
                + "\"then\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Bump\"}}]}]}");
  }

  @Test
  void a_range_in_words_is_two_filters_and_a_word_value_for_a_number_field_is_refused() {
    assertThat(json("Find contacts with a lead score from 20 to 39 inclusive"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"filters\":["
                + "{\"field\":\"leadScore\",\"operator\":\">=\",\"value\":20},"
                + "{\"field\":\"leadScore\",\"operator\":\"<=\",\"value\":39}]}}]}");
    refusal("Find contacts with a lead score of roughly twenty");
  }

  @Test
  void either_groups_its_or_inside_an_and() {
    assertThat(
            json(
                "If company.industry is 'Logistics' and either contact.title contains 'Ops' or"
                    + " contact.title contains 'Fleet', add tag 'Ops'."))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"if\",\"condition\":{\"all\":["
                + "{\"field\":\"company.industry\",\"operator\":\"==\",\"value\":\"Logistics\"},"
                + "{\"any\":[{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Ops\"},"
                + "{\"field\":\"contact.title\",\"operator\":\"contains\",\"value\":\"Fleet\"}]}]},"
                + "\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Ops\"]}}]}]}");
  }

  @Test
  void but_first_puts_the_rest_of_its_sentence_before_the_step_said_before_it() {
    assertThat(json("Send the 'Intro' template, but first tag them 'New' and enrich them."))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"New\"]}},"
                + "{\"type\":\"enrich_contact\",\"params\":{}},"
                + "{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]}");
  }

  @Test
  void a_postfix_condition_takes_an_else() {
    assertThat(json("Tag them 'Hot' if the lead score is 90 or more, otherwise tag them 'Warm'."))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"if\",\"condition\":"
                + "{\"field\":\"contact.leadScore\",\"operator\":\">=\",\"value\":90},"
                + "\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Hot\"]}}],"
                + "\"else\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Warm\"]}}]}]}");
  }

  @Test
  void actions_written_as_calls_read_as_their_words() {
    assertThat(json("wait(P2D); send_email(template='Intro')"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"wait\",\"params\":{\"duration\":\"P2D\"}},"
                + "{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]}");
  }

  @Test
  void a_past_participle_is_no_word_slip() {
    // "retrieved" was read as the slip of "retrieve", a search verb: a second, empty search
    assertThat(json("Find contacts tagged 'A' and send template 'B' to each retrieved contact"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"filters\":["
                + "{\"field\":\"tags\",\"operator\":\"contains\",\"value\":\"A\"}]}},"
                + "{\"type\":\"send_email\",\"params\":{\"template\":\"B\"}}]}");
  }

  @Test
  void sql_wildcards_and_a_point_grouping_thousands_of_money_are_read() {
    assertThat(json("Find contacts where title LIKE '%Analytics%'"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"filters\":["
                + "{\"field\":\"title\",\"operator\":\"contains\",\"value\":\"Analytics\"}]}}]}");
    assertThat(json("If the deal value is over 30.000 dollars, hand off to @user.ae"))
        .contains("\"value\":30000");
  }

  @Test
  void more_list_markers_start_steps() {
    String steps =
        "{\"steps\":[{\"type\":\"wait\",\"params\":{\"duration\":\"PT1H\"}},"
            + "{\"type\":\"send_email\",\"params\":{\"template\":\"Recap\"}}]}";
    for (String text :
        List.of(
            "#1 wait 1 hour\n#2 send template 'Recap'",
            "1/ wait 1 hour\n2/ send template 'Recap'",
            "i. wait 1 hour\nii. send template 'Recap'",
            "- [ ] wait 1 hour\n- [x] send template 'Recap'",
            "Step one – wait 1 hour\nStep two – send template 'Recap'")) {
      assertThat(json(text)).as(text).isEqualTo(steps);
    }
  }

  @Test
  void a_person_in_a_place_is_a_city_and_a_company_in_a_place_is_no_condition() {
    // "the contact is in Berlin" was read as the industry 'Berlin'
    assertThat(json("If the contact is not in Berlin, tag them 'Away'"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"if\",\"condition\":{\"not\":"
                + "{\"field\":\"contact.city\",\"operator\":\"==\",\"value\":\"Berlin\"}},"
                + "\"then\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Away\"]}}]}]}");
    assertThat(json("If the company is in the SaaS industry, tag them 'SaaS'"))
        .contains("{\"field\":\"company.industry\",\"operator\":\"==\",\"value\":\"SaaS\"}");
    refusal("If the company is in Berlin, tag them 'Berlin'");
  }

  @Test
  void a_correction_in_the_text_is_not_filler() {
    refusal(
        "Please send them the 'Offer' template, but actually please don't email them anything.");
  }

  @Test
  void a_numbered_steps_details_on_the_lines_below_it_are_its_fields() {
    String text =
        "1. Send email\n"
            + "   Subject: Quick question\n"
            + "   Body: Hi @contact.firstName (and team); worth a call?\n"
            + "2. Create task\n"
            + "   Title: Call @contact.firstName\n"
            + "   Due: 3 days\n"
            + "   Assignee: @user.sdr";

    assertThat(json(text))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"subject\":\"Quick question\","
                + "\"body\":\"Hi @contact.firstName (and team); worth a call?\"}},"
                + "{\"type\":\"create_task\",\"params\":{\"title\":\"Call @contact.firstName\","
                + "\"dueInDays\":3,\"assignee\":\"@user.sdr\"}}]}");
  }

  @Test
  void a_search_head_reads_the_filter_lines_and_bullets_below_it() {
    assertThat(
            json(
                "Step 1 - Find leads\n  Filter: city == 'Lyon'\n  Filter: leadScore >= 50\n"
                    + "Step 2 - Web search\n  Query: @company.name funding\n  Max results: 4"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"filters\":["
                + "{\"field\":\"city\",\"operator\":\"==\",\"value\":\"Lyon\"},"
                + "{\"field\":\"leadScore\",\"operator\":\">=\",\"value\":50}]}},"
                + "{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name funding\","
                + "\"maxResults\":4}}]}");
    assertThat(
            json(
                "Search contacts where:\n  - title contains 'CFO'\n  - created in the last 7 days\n"
                    + "Actions:\n  1. Hand off to @user.ae\n"
                    + "     Message: New CFO lead (inbound); call today"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"filters\":["
                + "{\"field\":\"title\",\"operator\":\"contains\",\"value\":\"CFO\"},"
                + "{\"field\":\"createdAt\",\"operator\":\">=\",\"value\":\"today-7d\"}]}},"
                + "{\"type\":\"handoff\",\"params\":{\"to\":\"@user.ae\","
                + "\"message\":\"New CFO lead (inbound); call today\"}}]}");
  }

  @Test
  void a_condition_ending_in_a_step_head_takes_the_fields_below_it() {
    assertThat(
            json(
                "1. If contact.leadScore > 80, send email\n   Subject: Fast track\n"
                    + "   Body: Hi @contact.firstName, let's talk.\n2. Tag: Scored"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"if\",\"condition\":{\"field\":\"contact.leadScore\","
                + "\"operator\":\">\",\"value\":80},\"then\":[{\"type\":\"send_email\","
                + "\"params\":{\"subject\":\"Fast track\","
                + "\"body\":\"Hi @contact.firstName, let's talk.\"}}]},"
                + "{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Scored\"]}}]}");
  }

  @Test
  void details_after_a_dash_or_in_brackets_belong_to_their_step() {
    assertThat(
            json(
                "a) Send email - Template: Kickoff\nb) Enrich contact (provider: Apollo)\n"
                    + "c) Update contact field city to Paris"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Kickoff\"}},"
                + "{\"type\":\"enrich_contact\",\"params\":{\"provider\":\"apollo\"}},"
                + "{\"type\":\"update_field\",\"params\":{\"entity\":\"contact\","
                + "\"field\":\"city\",\"value\":\"Paris\"}}]}");
  }

  @Test
  void a_field_said_twice_in_one_block_is_refused_with_its_line() {
    String text = "1. Send email\n   Subject: Hi\n   Body: Hello\n   Subject: Again";

    List<ParseDetail> details = refusal(text);

    assertThat(details).hasSize(1);
    assertThat(text.substring(details.getFirst().start(), details.getFirst().end()))
        .isEqualTo("Subject: Again");
  }

  @Test
  void chat_shorthand_reads_as_the_grammars_words() {
    String text =
        "find leads w city == 'Oslo' then tag em 'nordics', websearch '@company.name funding'"
            + " max 2 results and create task 'call back' due tmrw. if title contains 'cto' tag em"
            + " 'tech' otherwise nothing";

    assertThat(json(text))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"search_contacts\",\"params\":{\"filters\":["
                + "{\"field\":\"city\",\"operator\":\"==\",\"value\":\"Oslo\"}]}},"
                + "{\"type\":\"add_tag\",\"params\":{\"tags\":[\"nordics\"]}},"
                + "{\"type\":\"web_search\",\"params\":{\"query\":\"@company.name funding\","
                + "\"maxResults\":2}},"
                + "{\"type\":\"create_task\",\"params\":{\"title\":\"call back\",\"dueInDays\":1}},"
                + "{\"type\":\"if\",\"condition\":{\"field\":\"contact.title\","
                + "\"operator\":\"contains\",\"value\":\"cto\"},\"then\":[{\"type\":\"add_tag\","
                + "\"params\":{\"tags\":[\"tech\"]}}]}]}");
    assertThat(warnings(text))
        .contains("Read 'em' as 'them'.", "Read 'websearch' as 'search the web for'.");
  }

  @Test
  void formal_addresses_and_stock_requests_say_nothing() {
    assertThat(json("Sir, I am requesting you to put the tag 'VIP' on the contact."))
        .isEqualTo("{\"steps\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"VIP\"]}}]}");
    assertThat(
            json(
                "Por favor, send the template 'Hola'. If no answer comes after 3 days, make a task"
                    + " with name 'Llamar' with deadline in 2 days."))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Hola\"}},"
                + "{\"type\":\"wait\",\"params\":{\"duration\":\"P3D\"}},"
                + "{\"type\":\"if\",\"condition\":{\"field\":\"contact.replied\","
                + "\"operator\":\"==\",\"value\":false},\"then\":[{\"type\":\"create_task\","
                + "\"params\":{\"title\":\"Llamar\",\"dueInDays\":2}}]}]}");
  }

  @Test
  void before_all_that_moves_steps_before_every_step_said_so_far() {
    String tag = "{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Met\"]}}";
    String send = "{\"type\":\"send_email\",\"params\":{\"template\":\"Recap\"}}";
    String enrich = "{\"type\":\"enrich_contact\",\"params\":{}}";

    assertThat(json("Tag them 'Met', send the 'Recap' template, and before all that, enrich them."))
        .isEqualTo("{\"steps\":[" + enrich + "," + tag + "," + send + "]}");
    assertThat(json("Tag them 'Met', send the 'Recap' template, and before that, enrich them."))
        .isEqualTo("{\"steps\":[" + tag + "," + enrich + "," + send + "]}");
    assertThat(json("I'd like a task called 'Prep call', due in 7 days."))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"create_task\",\"params\":{\"title\":\"Prep call\","
                + "\"dueInDays\":7}}]}");
  }

  @Test
  void forbidding_what_an_earlier_step_does_is_refused_and_a_lone_prohibition_is_no_step() {
    String text = "Send the 'Welcome' template, then wait 2 days, but never email this contact.";

    List<ParseDetail> details = refusal(text);

    assertThat(details).hasSize(1);
    assertThat(details.getFirst().message()).contains("forbids what an earlier step does");
    assertThat(text.substring(details.getFirst().start(), details.getFirst().end()))
        .isEqualTo("never email this contact");
    assertThat(json("Tag them 'Paused' and don't email them."))
        .isEqualTo("{\"steps\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Paused\"]}}]}");
  }

  @Test
  void but_only_after_you_have_done_it_runs_that_step_first() {
    assertThat(
            json("Tag them 'Done', but only after you've enriched them and then waited 2 hours."))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"enrich_contact\",\"params\":{}},"
                + "{\"type\":\"wait\",\"params\":{\"duration\":\"PT2H\"}},"
                + "{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Done\"]}}]}");
  }

  @Test
  void everyday_verbs_for_emailing_untagging_and_enriching() {
    String hello = "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Hello\"}}]}";
    assertThat(json("Reach out to them with the 'Hello' template")).isEqualTo(hello);
    assertThat(json("Ping them by email with the 'Hello' template")).isEqualTo(hello);
    assertThat(json("Nudge them with the 'Hello' template")).isEqualTo(hello);
    assertThat(json("Write to them with the 'Hello' template")).isEqualTo(hello);
    assertThat(json("Take off 'Old' and scrub the 'Stale' tag"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"remove_tag\",\"params\":{\"tags\":[\"Old\",\"Stale\"]}}]}");
    assertThat(json("Pull their details from Apollo"))
        .isEqualTo(
            "{\"steps\":[{\"type\":\"enrich_contact\",\"params\":{\"provider\":\"apollo\"}}]}");
  }

  @Test
  void a_sentence_about_the_writer_after_a_greeting_says_nothing_to_do() {
    String intro = "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"Intro\"}}]}";
    assertThat(json("Hi there! I'm reworking our onboarding. Send the 'Intro' template."))
        .isEqualTo(intro);
    assertThat(json("Hello, I have been planning the autumn push. Send the 'Intro' template."))
        .isEqualTo(intro);
    assertThat(json("Morning! We are cleaning up the pipeline. Send the 'Intro' template."))
        .isEqualTo(intro);
    assertThat(refusal("Hello, I'm asking you to phone them.")).isNotEmpty();
  }

  @Test
  void a_closing_and_a_signature_say_nothing_to_do() {
    String tag = "{\"steps\":[{\"type\":\"add_tag\",\"params\":{\"tags\":[\"Hot\"]}}]}";
    assertThat(json("Add the tag 'Hot'. Many thanks, Priya")).isEqualTo(tag);
    assertThat(json("Add the tag 'Hot'. Cheers - Jan Novak")).isEqualTo(tag);
    assertThat(json("Add the tag 'Hot'. That's all, thank you.")).isEqualTo(tag);
    assertThat(refusal("Add the tag 'Hot'. Thanks, Priya will call them")).isNotEmpty();
  }

  @Test
  void the_table_says_each_written_sequence_once() throws IOException {
    Set<String> seen = new HashSet<>();
    List<String> twice =
        Files.readAllLines(Path.of("src/main/resources/instruction/rewrites.tsv")).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .map(line -> line.substring(0, line.indexOf('\t')))
            .filter(written -> !seen.add(written))
            .toList();

    assertThat(seen).hasSizeGreaterThan(500);
    assertThat(twice).isEmpty();
  }
}
