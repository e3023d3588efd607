package dev.switchboard.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the workspace of the request ({@code /api/workspaces/{id}/…} or the page {@code /w/{id}/…})
 * in the MDC as {@code workspaceId} while it is handled; only a well-formed id, so a path cannot
 * write into the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceLogContext extends OncePerRequestFilter {

  static final String WORKSPACE_ID = "workspaceId";
  private static final Pattern WORKSPACE = Pattern.compile("^/(?:api/workspaces|w)/([^/]+)");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<UUID> workspace =
        workspaceOf(request.getRequestURI().substring(request.getContextPath().length()));
    if (workspace.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(WORKSPACE_ID, workspace.get().toString())) {
      chain.doFilter(request, response);
    }
  }

  static Optional<UUID> workspaceOf(String path) {
    Matcher m = WORKSPACE.matcher(path);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(m.group(1)));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}
