package dev.switchboard.crm;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes CRM events into {@code outbox_events} in the caller's transaction, and says so with an
 * {@link OutboxWritten}: its commit wakes the publisher.
 */
@Component
class Outbox {

  private static final String INSERT =
      "insert into outbox_events (workspace_id, type, payload, created_at) values (?, ?, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final CrmJson json;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Outbox(
      JdbcClient jdbc,
      JdbcTemplate template,
      CrmJson json,
      Clock clock,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
    this.clock = clock;
    this.events = events;
  }

  void add(UUID workspaceId, String type, Map<String, Object> payload) {
    jdbc.sql(INSERT)
        .params(workspaceId, type, json.write(payload), clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    events.publishEvent(new OutboxWritten());
  }

  void addAll(UUID workspaceId, String type, List<Map<String, Object>> payloads) {
    if (payloads.isEmpty()) {
      return;
    }
    var now = clock.instant().atOffset(ZoneOffset.UTC);
    Rows.batch(
        template,
        INSERT,
        payloads.stream().map(p -> new Object[] {workspaceId, type, json.write(p), now}).toList());
    events.publishEvent(new OutboxWritten());
  }
}
