package dev.switchboard.workspace;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On an empty database, creates the first owner, who is an instance admin, and the workspace
 * "Default". The password comes from {@code SWITCHBOARD_ADMIN_PASSWORD}; without it one is
 * generated and printed once, in the box that tells, when the server is ready, where to open it and
 * who to sign in as.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

  private final Accounts accounts;
  private final InstanceAdmins instanceAdmins;
  private final ApplicationEventPublisher events;
  private final String email;
  private final String password;
  private String generatedPassword;

  FirstStart(
      Accounts accounts,
      InstanceAdmins instanceAdmins,
      ApplicationEventPublisher events,
      @Value("${switchboard.admin-email}") String email,
      @Value("${switchboard.admin-password}") String password) {
    this.accounts = accounts;
    this.instanceAdmins = instanceAdmins;
    this.events = events;
    this.email = email;
    this.password = password;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (accounts.hasUsers()) {
      instanceAdmins.adoptFirstOwner(email);
      return;
    }
    boolean generated = password == null || password.isBlank();
    String secret = generated ? generatePassword() : password;
    Caller owner = accounts.createUser(email, "Admin", secret);
    instanceAdmins.grant(owner.userId());
    UUID workspace = accounts.createWorkspace("Default", owner.userId());
    if (generated) {
      generatedPassword = secret;
    }
    log.info("First start: created owner {} and the workspace Default", owner.email());
    events.publishEvent(new WorkspaceCreated(workspace, owner.userId(), true));
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("Switchboard is ready: http://localhost:" + web.getWebServer().getPort() + "/");
    lines.add("Sign in as " + email);
    if (generatedPassword != null) {
      lines.add("Password:   " + generatedPassword);
      lines.add("(generated and shown once; set SWITCHBOARD_ADMIN_PASSWORD to choose it)");
      generatedPassword = null;
    }
    log.info("\n{}", box(lines));
  }

  /** The lines framed, so they stand out from the log around them. */
  static String box(List<String> lines) {
    int width = lines.stream().mapToInt(String::length).max().orElse(0);
    String rule = "  +" + "-".repeat(width + 4) + "+\n";
    StringBuilder out = new StringBuilder(rule);
    for (String line : lines) {
      out.append("  |  ").append(line).append(" ".repeat(width - line.length())).append("  |\n");
    }
    return out.append(rule).toString();
  }

  private static String generatePassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
