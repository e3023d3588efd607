package dev.switchboard.workspace;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The instance administrators: the first owner (stored when it is created) and the users whose
 * emails {@code SWITCHBOARD_INSTANCE_ADMINS} lists. They decide what runs on the host: only they
 * create workspaces (unless {@code SWITCHBOARD_OPEN_WORKSPACES=true}) and, by default, command
 * agents.
 */
@Service
public class InstanceAdmins {

  private final JdbcClient jdbc;
  private final Set<String> configuredEmails;

  InstanceAdmins(JdbcClient jdbc, @Value("${switchboard.instance-admins:}") String emails) {
    this.jdbc = jdbc;
    this.configuredEmails =
        Arrays.stream(emails.split(","))
            .map(e -> e.strip().toLowerCase(Locale.ROOT))
            .filter(e -> !e.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  public boolean isAdmin(UUID userId) {
    return jdbc.sql("select email, instance_admin from users where id = ?")
        .param(userId)
        .query((rs, i) -> rs.getBoolean(2) || configuredEmails.contains(rs.getString(1)))
        .optional()
        .orElse(false);
  }

  void grant(UUID userId) {
    jdbc.sql("update users set instance_admin = true where id = ?").param(userId).update();
  }

  /**
   * A database created before instance admins existed has none: the user with the admin email
   * becomes one, as the first owner would have.
   */
  void adoptFirstOwner(String email) {
    boolean none =
        jdbc.sql("select count(*) from users where instance_admin").query(Long.class).single() == 0;
    if (none) {
      jdbc.sql("update users set instance_admin = true where email = ?")
          .param(email.strip().toLowerCase(Locale.ROOT))
          .update();
    }
  }
}
