package dev.switchboard.workspace;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.UUID;

/** Where the signed-in caller lives during a request, and how the UI session is opened. */
public final class CurrentCaller {

  static final String ATTRIBUTE = Caller.class.getName();

  private CurrentCaller() {}

  public static Optional<Caller> of(HttpServletRequest request) {
    return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
  }

  /** Starts a UI session for the user (a fresh session id, against fixation). */
  public static void signIn(HttpServletRequest request, UUID userId) {
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    request.getSession(true).setAttribute(AuthFilter.SESSION_USER, userId);
  }

  public static void signOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
