package dev.switchboard.support;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Switchboard on a random port, on the test database (H2, or PostgreSQL in the postgres
 * suite), with a movable clock. One context is shared by every test class that extends this.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "switchboard.admin-email=" + SwitchboardTestBase.OWNER,
      "switchboard.admin-password=" + SwitchboardTestBase.OWNER_PASSWORD,
      "switchboard.lease=3s",
      "switchboard.poll-interval=200ms",
      "switchboard.workers=4"
    })
@Import(TestClockConfig.class)
public abstract class SwitchboardTestBase {

  public static final String OWNER = "owner@test.local";
  public static final String OWNER_PASSWORD = "owner-pass-123";

  @LocalServerPort protected int port;
  @Autowired protected MovableClock clock;
  @Autowired protected JdbcTemplate jdbc;

  protected Api owner;
  protected String ws;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @BeforeEach
  void signIn() {
    owner = Api.login(port, OWNER, OWNER_PASSWORD);
    ws = owner.firstWorkspace();
    // Tests move the shared clock by weeks (a 30-day wait): the default 30-day retention would
    // purge the runs they are looking at. Retention itself is tested in workspaces of their own.
    owner.put("/api/workspaces/" + ws, Map.of("retentionDays", 365)).expect(200);
  }
}
