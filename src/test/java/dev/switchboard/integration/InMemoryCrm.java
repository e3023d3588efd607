package dev.switchboard.integration;

import dev.switchboard.crm.Crm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A CRM in memory for the integration tests — until the CRM module is merged; then the real one
 * replaces it.
 */
@TestConfiguration
class InMemoryCrm implements Crm {

  record Activity(UUID workspaceId, UUID contactId, String type, String text, UUID executionId) {}

  final Map<String, EmailTemplate> templates = new ConcurrentHashMap<>();
  final List<Activity> activities = new CopyOnWriteArrayList<>();
  final Map<UUID, Map<String, Object>> enriched = new ConcurrentHashMap<>();

  @Bean
  @Primary
  InMemoryCrm inMemoryCrm() {
    return this;
  }

  void template(UUID workspaceId, String name, String subject, String body) {
    templates.put(
        workspaceId + "/" + name.toLowerCase(),
        new EmailTemplate(UUID.randomUUID(), name, subject, body));
  }

  @Override
  public Optional<EmailTemplate> template(UUID workspaceId, String name) {
    return Optional.ofNullable(templates.get(workspaceId + "/" + name.toLowerCase()));
  }

  @Override
  public void recordActivity(
      UUID workspaceId, UUID contactId, String type, String text, UUID executionId) {
    activities.add(new Activity(workspaceId, contactId, type, text, executionId));
  }

  @Override
  public Map<String, Object> enrich(UUID workspaceId, UUID contactId, Map<String, Object> fields) {
    enriched.put(contactId, fields);
    return fields;
  }

  List<String> activities(UUID contactId) {
    return activities.stream()
        .filter(a -> a.contactId().equals(contactId))
        .map(Activity::text)
        .toList();
  }
}
