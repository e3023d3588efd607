package dev.switchboard.live;

import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.CurrentCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Carries the caller the auth filter resolved into the WebSocket session. Token clients may connect
 * from any origin; a browser riding on the UI session cookie only from our own pages, so another
 * site cannot open a socket in its user's name.
 */
final class CallerHandshake implements HandshakeInterceptor {

  static final String CALLER = Caller.class.getName();

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attributes) {
    if (!(request instanceof ServletServerHttpRequest servlet)) {
      response.setStatusCode(HttpStatus.UNAUTHORIZED);
      return false;
    }
    HttpServletRequest http = servlet.getServletRequest();
    Optional<Caller> caller = CurrentCaller.of(http);
    if (caller.isEmpty()) {
      response.setStatusCode(HttpStatus.UNAUTHORIZED);
      return false;
    }
    if (!byToken(http) && !WebUtils.isSameOrigin(request)) {
      response.setStatusCode(HttpStatus.FORBIDDEN);
      return false;
    }
    attributes.put(CALLER, caller.get());
    return true;
  }

  private static boolean byToken(HttpServletRequest http) {
    return http.getParameter("token") != null || http.getHeader(HttpHeaders.AUTHORIZATION) != null;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Exception exception) {}
}
