package dev.switchboard.workorder;

/** The body of {@code POST /work-orders/{id}/runs}: a profile and this run's overrides. */
public record RunRequest(String profileName, ProfileOverrides profileOverrides) {

  static final RunRequest NONE = new RunRequest(null, null);

  public record ProfileOverrides(LoopStrategy loopStrategy) {}

  public record LoopStrategy(Integer maxIterations) {}
}
