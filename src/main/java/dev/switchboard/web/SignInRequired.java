package dev.switchboard.web;

import dev.switchboard.workspace.CurrentCaller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.servlet.HandlerInterceptor;

/** Sends visitors without a UI session to the login form; API calls are guarded elsewhere. */
class SignInRequired implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (CurrentCaller.of(request).isPresent()) {
      return true;
    }
    response.sendRedirect(request.getContextPath() + "/login");
    return false;
  }
}
