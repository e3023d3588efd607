package dev.switchboard.workflow;

/** Fails the current step with a message for the user, e.g. "Email integration not connected". */
public class ActionFailure extends RuntimeException {

  private final transient Object details;

  public ActionFailure(String message) {
    this(message, null);
  }

  public ActionFailure(String message, Object details) {
    super(message);
    this.details = details;
  }

  public Object details() {
    return details;
  }
}
