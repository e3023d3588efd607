package dev.switchboard.crm.actions;

import dev.switchboard.crm.Activities;
import dev.switchboard.crm.Tasks;
import dev.switchboard.run.ExecutionsPurged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The CRM's tasks and timelines let go of runs the retention purge deletes. */
@Component
class PurgedRunLinks {

  private final Tasks tasks;
  private final Activities activities;

  PurgedRunLinks(Tasks tasks, Activities activities) {
    this.tasks = tasks;
    this.activities = activities;
  }

  @EventListener
  void on(ExecutionsPurged purged) {
    tasks.forgetRuns(purged.workspaceId(), purged.executionIds());
    activities.forgetRuns(purged.workspaceId(), purged.executionIds());
  }
}
