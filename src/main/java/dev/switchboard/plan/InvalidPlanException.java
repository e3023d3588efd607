package dev.switchboard.plan;

/** A plan that does not follow the schema; {@link #path()} names the offending part. */
public class InvalidPlanException extends RuntimeException {

  private final String path;

  public InvalidPlanException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** Where the problem is, e.g. {@code plan.steps[2].type}. */
  public String path() {
    return path;
  }
}
