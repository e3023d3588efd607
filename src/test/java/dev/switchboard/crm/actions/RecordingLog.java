package dev.switchboard.crm.actions;

import dev.switchboard.workflow.ActionCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The step log of a direct action call, kept for assertions. */
final class RecordingLog implements ActionCall.StepLog {

  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String line) {
    lines.add(line);
  }

  @Override
  public void warn(String line) {
    lines.add("Warning: " + line);
  }
}
