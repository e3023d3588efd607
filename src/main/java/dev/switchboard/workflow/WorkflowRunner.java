package dev.switchboard.workflow;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentKind;
import dev.switchboard.plan.Plan;
import dev.switchboard.plan.Step;
import dev.switchboard.run.Outcome;
import dev.switchboard.run.RunContext;
import dev.switchboard.run.Runner;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Interprets a workflow agent's plan step by step. After each top-level step the run's progress is
 * checkpointed, so a run taken over after a crash (or woken after a wait) goes on from the next
 * step. Steps after a {@code search_contacts} apply to each contact found.
 */
@Component
class WorkflowRunner implements Runner {

  private final ActionRegistry registry;
  private final PlanSource plans;

  WorkflowRunner(ActionRegistry registry, PlanSource plans) {
    this.registry = registry;
    this.plans = plans;
  }

  @Override
  public AgentKind kind() {
    return AgentKind.WORKFLOW;
  }

  @Override
  public Outcome run(RunContext context) {
    Agent agent = context.agent();
    PlanSource.Compiled compiled = plans.planFor(agent);
    if (compiled instanceof PlanSource.Unreadable unreadable) {
      context.log("system", unreadable.message());
      unreadable.details().forEach(d -> context.log("system", "  " + d));
      return new Outcome.Failed(
          unreadable.message(), null, Map.of("details", unreadable.details()));
    }
    Plan plan = ((PlanSource.Ready) compiled).plan();
    RunState state = RunState.from(context.execution(), plan);
    if (context.execution().attempt() > 1 && state.cursor() > 0) {
      context.log("system", "Resuming at step " + (state.cursor() + 1) + " of " + plan.size());
    }
    StepRunner steps = new StepRunner(registry, context, state);
    for (int i = state.cursor(); i < plan.size(); i++) {
      if (context.cancelRequested()) {
        return new Outcome.Canceled();
      }
      Step step = plan.steps().get(i);
      String action = StepRunner.actionName(step);
      context.log("system", "Step " + (i + 1) + " of " + plan.size() + ": " + action);
      state.start(i, context.clock().instant());
      StepRunner.Result result = steps.run(step, i + 1);
      Instant now = context.clock().instant();
      switch (result) {
        case StepRunner.Result.Failed failed -> {
          state.fail(i, failed.message(), steps.resolvedParams(), now);
          context.progress(i + 1, plan.size(), action, "failed");
          context.log("system", "Step " + (i + 1) + " failed: " + failed.message());
          context.record(state.checkpoint());
          return new Outcome.Failed(failed.message(), i + 1, failed.details());
        }
        case StepRunner.Result.Paused paused -> {
          state.complete(i, paused.output(), steps.resolvedParams(), now);
          context.progress(i + 1, plan.size(), action, "success");
          context.log("system", paused.message());
          context.record(state.checkpoint());
          return new Outcome.Waiting(paused.resumeAt(), paused.message());
        }
        case StepRunner.Result.Done done -> {
          state.complete(i, done.output(), steps.resolvedParams(), now);
          context.progress(i + 1, plan.size(), action, "success");
          context.log("system", "Step " + (i + 1) + " of " + plan.size() + " completed");
          if (i + 1 < plan.size()) {
            context.checkpoint(state.checkpoint());
          } else {
            context.record(state.checkpoint());
          }
        }
      }
    }
    int processed = state.processedCount();
    Map<String, Object> summary = new LinkedHashMap<>(state.counters());
    summary.put("contactsProcessed", processed);
    context.log("system", "Completed: processed " + processed + " contacts");
    return new Outcome.Completed(processed, summary);
  }
}
