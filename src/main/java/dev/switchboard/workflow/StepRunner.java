package dev.switchboard.workflow;

import dev.switchboard.api.InternalErrors;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.InvalidPlanException;
import dev.switchboard.plan.PlanJson;
import dev.switchboard.plan.Step;
import dev.switchboard.run.Execution;
import dev.switchboard.run.RunContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one top-level step: over every contact found, or once for the run. */
final class StepRunner {

  private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

  sealed interface Result {
    record Done(Map<String, Object> output) implements Result {}

    record Failed(String message, Object details) implements Result {}

    record Paused(Instant resumeAt, String message, Map<String, Object> output) implements Result {}
  }

  private final ActionRegistry registry;
  private final RunContext context;
  private final RunState state;

  /** The step running now (0-based) and what it has done so far. */
  private int index;

  private StepResult result = new StepResult();

  StepRunner(ActionRegistry registry, RunContext context, RunState state) {
    this.registry = registry;
    this.context = context;
    this.state = state;
  }

  static String actionName(Step step) {
    return switch (step) {
      case Step.Action a -> a.type().wireName();
      case Step.If i -> "if";
    };
  }

  Result run(Step step, int stepNo) {
    index = stepNo - 1;
    result = new StepResult();
    try {
      return switch (step) {
        case Step.Action a when a.type() == ActionType.WAIT -> pause(a);
        case Step.Action a when a.type() == ActionType.SEARCH_CONTACTS -> search(a, stepNo);
        case Step.Action a when a.type() == ActionType.REMEMBER -> {
          Map<String, Object> remembered = remember(a, Map.of());
          yield new Result.Done(remembered);
        }
        case Step.Action a -> perItem(List.of(a), stepNo);
        case Step.If i -> perItem(List.of(i), stepNo);
      };
    } catch (ActionFailure failure) {
      return new Result.Failed(failure.getMessage(), failure.details());
    } catch (InvalidPlanException invalid) {
      return new Result.Failed(invalid.getMessage(), null);
    } catch (RuntimeException unexpected) {
      // The step (and so the run) fails with a reference; the exception's text may hold SQL.
      Execution e = context.execution();
      return new Result.Failed(
          InternalErrors.report(
              log, "Step " + stepNo + " of run " + e.id() + " failed", unexpected),
          null);
    }
  }

  private Result pause(Step.Action wait) {
    Duration duration = PlanJson.waitDuration(wait.params().get("duration"), "duration");
    Instant resumeAt = context.clock().instant().plus(duration);
    String message = "Agent paused. Will resume in " + human(duration) + ".";
    return new Result.Paused(resumeAt, message, Map.of("resumeAt", resumeAt.toString()));
  }

  private Result search(Step.Action search, int stepNo) {
    ActionResult r = call(search, Map.of(), stepNo);
    if (!(r instanceof ActionResult.Found found)) {
      throw new ActionFailure("search_contacts did not return contacts");
    }
    state.found(found.items());
    context.log("system", "Found " + found.items().size() + " contacts");
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("found", found.items().size());
    output.put(
        "contactIds",
        found.items().stream()
            .map(StepResult::contactId)
            .filter(java.util.Objects::nonNull)
            .limit(StepResult.LIMIT)
            .toList());
    return new Result.Done(output);
  }

  /** Applies the steps to each target (contact), collecting what happened. */
  private Result perItem(List<Step> steps, int stepNo) {
    int performed = 0;
    int skipped = 0;
    Instant awaitUntil = null;
    String awaitMessage = null;
    for (Map<String, Object> item : state.targets()) {
      if (context.cancelRequested()) {
        break;
      }
      for (ActionResult r : runFor(steps, item, stepNo)) {
        switch (r) {
          case ActionResult.Done done -> {
            performed++;
            state.count(done.counters());
            if (done.output().get("results") instanceof List<?> results) {
              state.searchResults(Map.of("results", results));
            }
          }
          case ActionResult.Skipped s -> skipped++;
          case ActionResult.Await a -> {
            performed++;
            awaitUntil =
                awaitUntil == null || a.resumeAt().isAfter(awaitUntil) ? a.resumeAt() : awaitUntil;
            awaitMessage = a.message();
          }
          case ActionResult.Found f ->
              throw new ActionFailure("Only search_contacts can find contacts");
        }
      }
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("performed", performed);
    counts.put("skipped", skipped);
    Map<String, Object> output = result.toMap(counts);
    if (awaitUntil != null) {
      return new Result.Paused(awaitUntil, awaitMessage, output);
    }
    return new Result.Done(output);
  }

  private List<ActionResult> runFor(List<Step> steps, Map<String, Object> item, int stepNo) {
    List<ActionResult> results = new java.util.ArrayList<>();
    for (Step step : steps) {
      switch (step) {
        case Step.If branch -> {
          Map<String, Object> bindings = state.bindings(item);
          boolean holds = Conditions.evaluate(branch.condition(), bindings, this::warn);
          String described = Conditions.describe(branch.condition());
          result.evaluated(described, item, holds);
          context.log("system", "Condition " + described + " is " + holds + who(item));
          results.addAll(runFor(holds ? branch.then() : branch.otherwise(), item, stepNo));
        }
        case Step.Action a when a.type() == ActionType.REMEMBER -> remember(a, item);
        case Step.Action a
            when a.type() == ActionType.WAIT || a.type() == ActionType.SEARCH_CONTACTS ->
            throw new ActionFailure(
                a.type().wireName()
                    + " cannot be used inside a condition; put it at the top level");
        case Step.Action a -> results.add(call(a, item, stepNo));
      }
    }
    return results;
  }

  private ActionResult call(Step.Action action, Map<String, Object> item, int stepNo) {
    ActionHandler handler =
        registry
            .find(action.type())
            .orElseThrow(() ->
                new ActionFailure(
                    "Action '" + action.type().wireName() + "' is not available on this server"));
    Map<String, Object> bindings = state.bindings(item);
    Map<String, Object> params = Variables.resolveAll(action.params(), bindings, this::warn);
    result.resolved(item, params);
    Execution e = context.execution();
    ActionCall call =
        new ActionCall(
            e.workspaceId(),
            e.agentId(),
            e.agentName(),
            e.id(),
            stepNo,
            params,
            item,
            bindings,
            new ActionCall.StepLog() {
              @Override
              public void info(String line) {
                context.log("system", line);
              }

              @Override
              public void warn(String line) {
                StepRunner.this.warn(line);
              }
            });
    ActionResult r = handler.execute(call);
    if (r instanceof ActionResult.Skipped skipped) {
      warn(skipped.warning());
    }
    result.add(action.type(), item, r);
    return r;
  }

  /** Remembers a value; answers {@code {key, value}}, the step's result at the top level. */
  private Map<String, Object> remember(Step.Action a, Map<String, Object> item) {
    Map<String, Object> bindings = state.bindings(item);
    String key = String.valueOf(Variables.resolve(a.params().get("key"), bindings, this::warn));
    Object value = Variables.resolve(a.params().get("value"), bindings, this::warn);
    state.remember(key, value);
    Map<String, Object> remembered = new LinkedHashMap<>();
    remembered.put("key", key);
    remembered.put("value", value);
    return remembered;
  }

  /** The call parameters with their variables resolved, for the step's record. */
  List<Map<String, Object>> resolvedParams() {
    return result.resolvedParams();
  }

  /** Logged, and kept on the step so the page can show it "with warning". */
  private void warn(String line) {
    context.log("system", "Warning: " + line);
    state.warning(index, line);
  }

  private static String who(Map<String, Object> item) {
    if (item.get("contact") instanceof Map<?, ?> contact) {
      Object name = contact.get("email") != null ? contact.get("email") : contact.get("id");
      return " for " + name;
    }
    return "";
  }

  static String human(Duration d) {
    if (d.toDays() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
      return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
    }
    if (d.toHours() > 0 && d.toMinutesPart() == 0) {
      return d.toHours() == 1 ? "1 hour" : d.toHours() + " hours";
    }
    long minutes = Math.max(1, d.toMinutes());
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
