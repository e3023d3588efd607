package dev.switchboard.api;

import java.util.UUID;
import org.slf4j.Logger;

/**
 * What users see of a failure nobody anticipated: a sentence and a reference, never the exception's
 * text (it may carry SQL, constraint names and other rows' values). The full failure is logged
 * under the same reference, so an operator can find it.
 */
public final class InternalErrors {

  private InternalErrors() {}

  /** A fresh reference, e.g. {@code 3f2a9c1e}. */
  public static String newRef() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Logs {@code failure} as an error under a new reference; answers the message to show. */
  public static String report(Logger log, String what, Throwable failure) {
    String ref = newRef();
    log.error("{} (ref {})", what, ref, failure);
    return message(ref);
  }

  /** "Internal error (ref 3f2a9c1e)". */
  public static String message(String ref) {
    return "Internal error (ref " + ref + ")";
  }
}
