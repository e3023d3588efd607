package dev.switchboard.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.PlanJson;
import dev.switchboard.run.Checkpoint;
import dev.switchboard.run.Outcome;
import dev.switchboard.run.TriggerContext;
import dev.switchboard.support.RecordingRunContext;
import dev.switchboard.support.TestRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowRunnerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  /** A handler that records its calls; the subject here is the interpreter, not the action. */
  static final class Recording implements ActionHandler {
    final ActionType type;
    final List<ActionCall> calls = new ArrayList<>();
    String failWith;
    RuntimeException crashWith;
    List<Map<String, Object>> found = List.of();
    java.util.function.Function<ActionCall, Map<String, Object>> output = call -> Map.of();

    Recording(ActionType type) {
      this.type = type;
    }

    @Override
    public ActionType type() {
      return type;
    }

    @Override
    public ActionResult execute(ActionCall call) {
      calls.add(call);
      if (failWith != null) {
        throw new ActionFailure(failWith, Map.of("why", "test"));
      }
      if (crashWith != null) {
        throw crashWith;
      }
      if (type == ActionType.SEARCH_CONTACTS) {
        return new ActionResult.Found(found);
      }
      return new ActionResult.Done(output.apply(call), Map.of("emailsSent", 1));
    }
  }

  private final Recording search = new Recording(ActionType.SEARCH_CONTACTS);
  private final Recording email = new Recording(ActionType.SEND_EMAIL);
  private final Recording enrich = new Recording(ActionType.ENRICH_CONTACT);
  private final WorkflowRunner runner =
      new WorkflowRunner(
          new ActionRegistry(List.of(search, email, enrich)),
          // Every agent here carries its plan: nothing is compiled, stored or notified.
          new PlanSource(new dev.switchboard.instruction.BuiltInParser(), null, null));

  private RecordingRunContext context(String planJson, Checkpoint checkpoint, int attempt) {
    Plan plan = PlanJson.read(dev.switchboard.support.Api.JSON.readValue(planJson, Object.class));
    return new RecordingRunContext(
        TestRuns.aRun(TriggerContext.EMPTY, attempt, checkpoint),
        TestRuns.aWorkflowAgent(plan),
        CLOCK);
  }

  @Test
  void actions_after_a_search_apply_to_each_contact_with_variables_resolved() {
    search.found =
        List.of(
            Map.of("contact", Map.of("firstName", "John", "email", "john@acme.com")),
            Map.of("contact", Map.of("firstName", "Ana", "email", "ana@acme.com")));
    RecordingRunContext ctx =
        context(
            """
            {"steps":[{"type":"search_contacts","params":{"filters":[{"field":"title","operator":"contains","value":"CEO"}]}},
                      {"type":"send_email","params":{"subject":"Hi @contact.firstName","body":"Hello @contact.firstName, @contact.nonexistent"}}]}\
            """,
            Checkpoint.START,
            1);

    Outcome outcome = runner.run(ctx);

    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    assertThat(((Outcome.Completed) outcome).processedCount()).isEqualTo(2);
    assertThat(((Outcome.Completed) outcome).summary())
        .containsEntry("emailsSent", 2)
        .containsEntry("contactsProcessed", 2);
    assertThat(email.calls)
        .extracting(c -> c.params().get("subject"))
        .containsExactly("Hi John", "Hi Ana");
    assertThat(email.calls.get(0).params().get("body"))
        .isEqualTo("Hello John, @contact.nonexistent");
    assertThat(ctx.texts())
        .contains("Warning: Variable @contact.nonexistent not found; left as written");
    assertThat(ctx.progress())
        .containsExactly("1/2 search_contacts success", "2/2 send_email success");
  }

  @Test
  void each_step_records_its_result_warnings_and_resolved_params() {
    search.found =
        List.of(
            Map.of("contact", Map.of("id", "c1", "firstName", "John", "title", "CEO")),
            Map.of("contact", Map.of("id", "c2", "firstName", "Ana", "title", "CTO")));
    email.output = call -> Map.of("to", call.params().get("to"), "subject", "Hi");
    String longBody = "x".repeat(150);
    RecordingRunContext ctx =
        context(
            """
            {"steps":[{"type":"search_contacts","params":{}},
              {"type":"remember","params":{"key":"lastRun","value":"done"}},
              {"type":"if","condition":{"field":"contact.customField99","operator":"==","value":"x"},
               "then":[{"type":"send_email","params":{"subject":"A","body":"a"}}],
               "else":[{"type":"send_email","params":{"to":"@contact.firstName@acme.com","subject":"B","body":"%s"}}]}]}\
            """
                .formatted(longBody),
            Checkpoint.START,
            1);

    runner.run(ctx);

    List<Map<String, Object>> steps = ctx.latest().steps();
    assertThat(steps.get(0).get("result"))
        .isEqualTo(Map.of("found", 2, "contactIds", List.of("c1", "c2")));
    assertThat(steps.get(1).get("result")).isEqualTo(Map.of("key", "lastRun", "value", "done"));
    Map<?, ?> branch = (Map<?, ?>) steps.get(2).get("result");
    assertThat(branch.get("condition")).isEqualTo("contact.customField99 == \"x\"");
    assertThat(branch.get("value")).isEqualTo(false);
    assertThat(branch.get("branch")).isEqualTo("else");
    assertThat(branch.get("sent"))
        .isEqualTo(
            List.of(
                Map.of("to", "John@acme.com", "subject", "Hi"),
                Map.of("to", "Ana@acme.com", "subject", "Hi")));
    assertThat(branch.get("failed")).isEqualTo(0);
    assertThat(steps.get(2).get("warnings"))
        .isEqualTo(List.of("Field 'contact.customField99' not found. Defaulting to false."));
    assertThat(steps.get(0).get("warnings")).isEqualTo(List.of());
    List<?> resolved = (List<?>) steps.get(2).get("resolvedParams");
    assertThat(resolved).hasSize(2);
    Map<?, ?> first = (Map<?, ?>) resolved.get(0);
    assertThat(first.get("contactId")).isEqualTo("c1");
    Map<?, ?> params = (Map<?, ?>) first.get("params");
    assertThat(params.get("to")).isEqualTo("John@acme.com");
    // Email bodies are cut to 100 characters in the record, as written and as resolved.
    assertThat((String) params.get("body")).isEqualTo("x".repeat(100) + "…");
  }

  @Test
  void a_failed_step_says_what_to_do_about_it() {
    email.failWith = "Email template 'xyz' not found";
    RecordingRunContext ctx =
        context(
            "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"xyz\"}}]}",
            Checkpoint.START,
            1);

    runner.run(ctx);

    assertThat(ctx.latest().steps().getFirst().get("error"))
        .isEqualTo(
            Map.of(
                "message",
                "Email template 'xyz' not found",
                "suggestion",
                "Create template or update agent instructions"));
  }

  @Test
  void a_failing_step_stops_the_run_and_marks_later_steps_not_executed() {
    enrich.failWith = "Enrichment returned garbage";
    RecordingRunContext ctx =
        context(
            """
            {"steps":[{"type":"send_email","params":{"template":"a"}},{"type":"enrich_contact","params":{}},
                      {"type":"send_email","params":{"template":"b"}}]}\
            """,
            Checkpoint.START,
            1);

    Outcome outcome = runner.run(ctx);

    assertThat(outcome)
        .isEqualTo(new Outcome.Failed("Enrichment returned garbage", 2, Map.of("why", "test")));
    assertThat(ctx.latest().steps())
        .extracting(s -> s.get("status"))
        .containsExactly("completed", "failed", "not_executed");
    assertThat(email.calls).hasSize(1);
  }

  @Test
  void an_action_without_a_handler_fails_its_step_with_a_clear_error() {
    RecordingRunContext ctx =
        context("{\"steps\":[{\"type\":\"linkedin_invite\",\"params\":{}}]}", Checkpoint.START, 1);

    Outcome outcome = runner.run(ctx);

    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) outcome).message())
        .isEqualTo("Action 'linkedin_invite' is not available on this server");
  }

  @Test
  void a_wait_step_pauses_the_run_until_its_time_and_says_so() {
    RecordingRunContext ctx =
        context(
            "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"a\"}},{\"type\":\"wait\",\"params\":{\"duration\":\"P5D\"}},"
                + "{\"type\":\"send_email\",\"params\":{\"template\":\"b\"}}]}",
            Checkpoint.START,
            1);

    Outcome outcome = runner.run(ctx);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Waiting(
                CLOCK.instant().plus(Duration.ofDays(5)), "Agent paused. Will resume in 5 days."));
    assertThat(ctx.latest().cursor()).isEqualTo(2);
    assertThat(email.calls).hasSize(1);
  }

  @Test
  void a_resumed_run_goes_on_from_its_checkpoint_without_repeating_steps() {
    String plan =
        "{\"steps\":[{\"type\":\"send_email\",\"params\":{\"template\":\"a\"}},{\"type\":\"wait\",\"params\":{\"duration\":\"P5D\"}},"
            + "{\"type\":\"send_email\",\"params\":{\"template\":\"b\"}}]}";
    RecordingRunContext first = context(plan, Checkpoint.START, 1);
    runner.run(first);
    email.calls.clear();

    RecordingRunContext resumed = context(plan, first.latest(), 2);
    Outcome outcome = runner.run(resumed);

    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    assertThat(email.calls).extracting(c -> c.params().get("template")).containsExactly("b");
    assertThat(resumed.texts()).contains("Resuming at step 3 of 3");
    assertThat(resumed.latest().steps()).extracting(s -> s.get("status")).containsOnly("completed");
  }

  @Test
  void no_reply_after_five_days_sends_the_follow_up_only_to_those_who_did_not_reply() {
    search.found =
        List.of(
            Map.of("contact", Map.of("email", "quiet@acme.com", "replied", false)),
            Map.of("contact", Map.of("email", "talky@acme.com", "replied", true)));
    String plan =
        """
        {"steps":[{"type":"search_contacts","params":{}},{"type":"wait","params":{"duration":"P5D"}},
          {"type":"if","condition":{"field":"contact.replied","operator":"==","value":false},
           "then":[{"type":"send_email","params":{"template":"Follow up"}}]}]}\
        """;
    RecordingRunContext first = context(plan, Checkpoint.START, 1);
    runner.run(first);

    Outcome outcome = runner.run(context(plan, first.latest(), 1));

    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    assertThat(email.calls)
        .extracting(c -> (Object) ((Map<?, ?>) c.item().get("contact")).get("email"))
        .containsExactly("quiet@acme.com");
  }

  @Test
  void an_unexpected_failure_fails_the_step_with_a_reference_and_no_sql() {
    enrich.crashWith =
        new org.springframework.dao.DuplicateKeyException(
            "PreparedStatementCallback; SQL [insert into contact_tags (contact_id, tag_id)];"
                + " duplicate key value violates unique constraint \"contact_tags_pkey\"");
    RecordingRunContext ctx =
        context(
            """
            {"steps":[{"type":"send_email","params":{"template":"a"}},{"type":"enrich_contact","params":{}}]}\
            """,
            Checkpoint.START,
            1);

    Outcome outcome = runner.run(ctx);

    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    String message = ((Outcome.Failed) outcome).message();
    assertThat(message).matches("Internal error \\(ref [0-9a-f]{8}\\)");
    assertThat(ctx.latest().steps())
        .extracting(s -> s.get("status"))
        .containsExactly("completed", "failed");
    assertThat(ctx.latest().steps().get(1).get("error"))
        .isEqualTo(
            Map.of(
                "message",
                message,
                "suggestion",
                "Retry the execution; if it fails again, give the reference to your"
                    + " administrator"));
    assertThat(String.join("\n", ctx.texts()))
        .doesNotContainIgnoringCase("insert")
        .contains(message);
  }
}
