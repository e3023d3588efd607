package dev.switchboard.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-hardening headers on every answer (pages, assets, API, errors, refusals): no MIME
 * sniffing, no framing by other sites, no referrer to other sites, and a Content-Security-Policy
 * that allows only our own scripts, styles and connections (the pages keep no inline script or
 * style, which the browser tests prove). API answers are never stored by a cache.
 */
@Component
@Order(0)
class SecurityHeaders extends OncePerRequestFilter {

  static final String POLICY = policy("style-src 'self'");

  /**
   * Swagger UI (a library's page, for operators) sets styles inline; its scripts stay our own
   * files, so only inline styles are allowed there.
   */
  static final String API_DOCS_POLICY = policy("style-src 'self' 'unsafe-inline'");

  private static String policy(String styles) {
    return String.join(
        "; ",
        "default-src 'self'",
        "script-src 'self'",
        styles,
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "SAMEORIGIN");
    response.setHeader("Referrer-Policy", "same-origin");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader(
        "Content-Security-Policy", path.startsWith("/swagger-ui") ? API_DOCS_POLICY : POLICY);
    if (path.startsWith("/api/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }
}
