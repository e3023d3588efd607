package dev.switchboard.ops;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.CurrentCaller;
import dev.switchboard.workspace.WorkspaceAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator surface (metrics, API docs, Swagger UI) is for owners and admins of some workspace,
 * signed in like for the rest of the admin surface: none → 401, a member or viewer only → 403.
 * Health stays open for load balancers. Runs after the filter that resolves the caller.
 */
@Component
@Order(2)
class OperatorAccessFilter extends OncePerRequestFilter {

  private final WorkspaceAccess access;
  private final JsonMapper json;

  OperatorAccessFilter(WorkspaceAccess access, JsonMapper json) {
    this.access = access;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !isOperatorPath(path);
  }

  static boolean isOperatorPath(String path) {
    return (path.startsWith("/actuator") && !path.equals("/actuator/health"))
        || path.equals("/v3/api-docs")
        || path.startsWith("/v3/api-docs/")
        || path.equals("/v3/api-docs.yaml")
        || path.startsWith("/swagger-ui");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = CurrentCaller.of(request);
    if (caller.isEmpty()) {
      refuse(response, 401, "UNAUTHORIZED", "Sign in first: missing, invalid or expired token");
    } else if (!access.managesAny(caller.get().userId())) {
      refuse(response, 403, "FORBIDDEN", "Only workspace owners and admins can see this");
    } else {
      chain.doFilter(request, response);
    }
  }

  private void refuse(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    ApiResponse.sendError(response, json, status, code, message);
  }
}
