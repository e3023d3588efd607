package dev.switchboard.workspace;

import dev.switchboard.api.ApiResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves the {@link Caller} from {@code Authorization: Bearer}, {@code ?token=} (WebSocket only)
 * or the UI session, and answers 401 to API calls that have none; refuses cross-site changes first
 * ({@link CrossSiteGuard}).
 */
@Component
@Order(1)
class AuthFilter extends OncePerRequestFilter {

  static final String SESSION_USER = "switchboard.userId";

  private final Accounts accounts;
  private final JsonMapper json;

  AuthFilter(Accounts accounts, JsonMapper json) {
    this.accounts = accounts;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (CrossSiteGuard.refuses(request)) {
      refuse(
          response, HttpServletResponse.SC_FORBIDDEN, CrossSiteGuard.CODE, CrossSiteGuard.MESSAGE);
      return;
    }
    Optional<Caller> caller = resolve(request);
    caller.ifPresent(c -> request.setAttribute(CurrentCaller.ATTRIBUTE, c));
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // A webhook's secret URL is its own credential: no bearer is asked for.
    boolean api =
        path.startsWith("/api/")
            && !path.equals("/api/auth/login")
            && !path.startsWith("/api/hooks/");
    if ((api || path.equals("/ws")) && caller.isEmpty()) {
      refuse(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "UNAUTHORIZED",
          "Sign in first: missing, invalid or expired token");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    ApiResponse.sendError(response, json, status, code, message);
  }

  /**
   * The bearer token of the request, or null: a request that carries one never uses the session.
   */
  static String bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).strip();
    }
    return null;
  }

  private Optional<Caller> resolve(HttpServletRequest request) {
    String token = bearer(request);
    if (token != null) {
      return accounts.callerForToken(token);
    }
    if ("/ws".equals(request.getRequestURI()) && request.getParameter("token") != null) {
      return accounts.callerForToken(request.getParameter("token"));
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION_USER) instanceof UUID userId) {
      return accounts.userById(userId);
    }
    return Optional.empty();
  }
}
