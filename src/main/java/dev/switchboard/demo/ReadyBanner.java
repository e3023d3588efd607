package dev.switchboard.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who started Switchboard where to open it and who to sign in as. */
@Component
class ReadyBanner {

  private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

  private final String adminEmail;

  ReadyBanner(@Value("${switchboard.admin-email}") String adminEmail) {
    this.adminEmail = adminEmail;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      log.info(
          "\n\n  Switchboard is ready: http://localhost:{}/  (sign in as {})\n",
          web.getWebServer().getPort(),
          adminEmail);
    }
  }
}
