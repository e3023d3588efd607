package dev.switchboard.workspace;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Set;

/**
 * Refuses state-changing requests that a foreign page made the browser send. The browser's session
 * cookie is the only credential another site can make it attach, so every POST, PUT, PATCH or
 * DELETE without a bearer token (session API calls, the login and logout forms) must come from our
 * own origin: {@code Origin} equal to the request's scheme://host[:port] as the client saw it
 * (forwarded headers from a trusted proxy included), or, without {@code Origin}, no {@code
 * Sec-Fetch-Site: cross-site}. Clients that send neither header (curl, scripts) are not browsers
 * and pass.
 */
final class CrossSiteGuard {

  static final String CODE = "CROSS_SITE_REQUEST";
  static final String MESSAGE =
      "Refused: this request came from another site. Changes signed in by the browser session"
          + " must come from Switchboard's own pages; API clients send a bearer token.";

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private CrossSiteGuard() {}

  static boolean refuses(HttpServletRequest request) {
    if (SAFE.contains(request.getMethod()) || AuthFilter.bearer(request) != null) {
      return false;
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
    }
    return !sameOrigin(origin, request);
  }

  /** Browsers leave out default ports (a proxy may not): both spellings are the same origin. */
  private static boolean sameOrigin(String origin, HttpServletRequest request) {
    try {
      URI uri = URI.create(origin);
      boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
      return bare
          && uri.getScheme() != null
          && uri.getHost() != null
          && uri.getScheme().equalsIgnoreCase(request.getScheme())
          && uri.getHost().equalsIgnoreCase(request.getServerName())
          && port(uri.getScheme(), uri.getPort()) == request.getServerPort();
    } catch (IllegalArgumentException notAnOrigin) {
      return false;
    }
  }

  private static int port(String scheme, int explicit) {
    if (explicit != -1) {
      return explicit;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
