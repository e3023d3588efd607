package dev.switchboard.workspace;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On an empty database, creates the first owner, who is an instance admin, and the workspace
 * "Default". The password comes from {@code SWITCHBOARD_ADMIN_PASSWORD}; without it one is
 * generated and printed once.
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
      log.info(
          "\n\n  First start: created owner {} with generated password: {}\n"
              + "  (shown once; set SWITCHBOARD_ADMIN_PASSWORD to choose it)\n",
          owner.email(),
          secret);
    } else {
      log.info("First start: created owner {} (password from SWITCHBOARD_ADMIN_PASSWORD)", email);
    }
    events.publishEvent(new WorkspaceCreated(workspace, owner.userId(), true));
  }

  private static String generatePassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
