package dev.switchboard.crm.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.SwitchboardTestBase;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** search_contacts against the real database, one operator at a time. */
@Tag("db")
class SearchContactsTest extends SwitchboardTestBase {

  @Autowired SearchContactsAction search;

  String base;
  RecordingLog log;

  @BeforeEach
  void contacts() {
    ws = owner.createWorkspace("Search " + System.nanoTime());
    base = "/api/workspaces/" + ws;
    log = new RecordingLog();
    owner.post(base + "/custom-fields", Map.of("name", "leadScore", "type", "number")).expect(201);
    owner.post(base + "/custom-fields", Map.of("name", "tier", "type", "string")).expect(201);
    String acme =
        owner
            .post(base + "/companies", Map.of("name", "Acme Corp", "industry", "Retail"))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner.post(base + "/deals", Map.of("name", "Old", "value", 10, "stage", "Lead")).expect(201);
    add(
        "John",
        "john@acme.com",
        "CEO",
        "Berlin",
        Map.of("leadScore", 90, "tier", "gold"),
        List.of("vip"),
        acme);
    add("Ana", "ana@globex.io", "Co-founder & CEO", null, Map.of("leadScore", 40), List.of(), null);
    add("Bob", "bob@globex.io", "CTO", "Paris", Map.of(), List.of("vip", "tech"), null);
    add(
        "Eve",
        "eve@initech.com",
        "Engineer",
        "Berlin",
        Map.of("leadScore", 10, "tier", "silver"),
        List.of(),
        null);
  }

  private void add(
      String first,
      String email,
      String title,
      String city,
      Map<String, Object> custom,
      List<String> tags,
      String companyId) {
    Map<String, Object> body = new HashMap<>();
    body.put("firstName", first);
    body.put("email", email);
    body.put("title", title);
    if (city != null) {
      body.put("city", city);
    }
    body.put("customFields", custom);
    body.put("tags", tags);
    if (companyId != null) {
      body.put("companyId", companyId);
    }
    owner.post(base + "/contacts", body).expect(201);
  }

  private List<String> find(String match, Map<String, Object>... filters) {
    return find(Map.of(), match, filters);
  }

  @SafeVarargs
  private List<String> find(
      Map<String, Object> variables, String match, Map<String, Object>... filters) {
    Map<String, Object> params = new HashMap<>();
    params.put("filters", List.of(filters));
    if (match != null) {
      params.put("match", match);
    }
    ActionCall call =
        new ActionCall(
            UUID.fromString(ws),
            UUID.randomUUID(),
            "Finder",
            UUID.randomUUID(),
            1,
            params,
            Map.of(),
            variables,
            log);
    ActionResult result = search.execute(call);
    assertThat(result).isInstanceOf(ActionResult.Found.class);
    return ((ActionResult.Found) result)
        .items().stream()
            .map(i -> (String) ((Map<?, ?>) i.get("contact")).get("firstName"))
            .sorted()
            .toList();
  }

  private static Map<String, Object> f(String field, String op, Object value) {
    return Map.of("field", field, "operator", op, "value", value);
  }

  @Test
  void each_operator_on_standard_fields() {
    assertThat(find(null, f("title", "contains", "ceo"))).containsExactly("Ana", "John");
    assertThat(find(null, f("title", "==", "cto"))).containsExactly("Bob");
    assertThat(find(null, f("city", "!=", "Berlin"))).containsExactly("Ana", "Bob");
    assertThat(find(null, f("city", "exists", true))).containsExactly("Bob", "Eve", "John");
    assertThat(find(null, f("firstName", ">", "Bob"))).containsExactly("Eve", "John");
    assertThat(find(null, f("firstName", "<", "Bob"))).containsExactly("Ana");
    assertThat(find(null, f("firstName", ">=", "Eve"))).containsExactly("Eve", "John");
    assertThat(find(null, f("firstName", "<=", "Bob"))).containsExactly("Ana", "Bob");
    assertThat(find(null, f("replied", "==", false))).hasSize(4);
    assertThat(find(null, f("contact.email", "contains", "globex"))).containsExactly("Ana", "Bob");
    assertThat(find(null, f("company.name", "==", "acme corp"))).containsExactly("John");
  }

  @Test
  void a_bare_field_only_the_company_has_is_read_on_the_contacts_company() {
    assertThat(find(null, f("industry", "==", "retail"))).containsExactly("John");
    assertThat(find(null, f("company.industry", "==", "Retail"))).containsExactly("John");
    assertThat(find(null, f("industry", "!=", "Retail"))).isEmpty();
    assertThat(log.lines).noneMatch(line -> line.contains("not found"));
    assertThat(find(null, f("name", "==", "acme corp"))).isEmpty(); // the contact has no "name"
  }

  @Test
  void match_all_and_any() {
    assertThat(find("all", f("title", "contains", "CEO"), f("city", "==", "Berlin")))
        .containsExactly("John");
    assertThat(find("any", f("title", "contains", "CEO"), f("city", "==", "Berlin")))
        .containsExactly("Ana", "Eve", "John");
  }

  @Test
  void tags_and_custom_fields() {
    assertThat(find(null, f("tags", "contains", "VIP"))).containsExactly("Bob", "John");
    assertThat(find(null, f("tags", "!=", "vip"))).containsExactly("Ana", "Eve");
    assertThat(find(null, f("tags", "exists", true))).containsExactly("Bob", "John");
    assertThat(find(null, f("leadScore", ">", 30))).containsExactly("Ana", "John");
    assertThat(find(null, f("leadScore", "<=", "40"))).containsExactly("Ana", "Eve");
    assertThat(find(null, f("leadScore", "==", 90))).containsExactly("John");
    assertThat(find(null, f("tier", "==", "GOLD"))).containsExactly("John");
    assertThat(find(null, f("tier", "contains", "il"))).containsExactly("Eve");
    assertThat(find(null, f("tier", "exists", true))).containsExactly("Eve", "John");
    assertThat(find(null, f("tier", "!=", "gold"))).containsExactly("Ana", "Bob", "Eve");
  }

  @Test
  void a_missing_field_matches_nothing_with_a_warning_and_a_bad_operator_fails() {
    assertThat(find(null, f("customField99", "==", "x"))).isEmpty();
    assertThat(log.lines)
        .contains("Warning: Field 'customField99' not found. Defaulting to false.");
    assertThatThrownBy(() -> find(null, f("title", "like", "x")))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("Unknown operator 'like'");
  }

  @Test
  void created_today_and_in_the_last_seven_days_follow_the_clock() {
    clock.advance(Duration.ofDays(3));
    add("Zed", "zed@new.io", "CEO", null, Map.of(), List.of(), null);
    assertThat(find(null, f("createdAt", ">=", "today"))).containsExactly("Zed");
    assertThat(find(null, f("createdAt", ">=", "today-7d"))).hasSize(5);
    assertThat(find(null, f("createdAt", "<", "today"))).hasSize(4);
    clock.advance(Duration.ofDays(6));
    assertThat(find(null, f("createdAt", ">=", "today-7d"))).containsExactly("Zed");
  }

  @Test
  void trigger_filters_are_anded_in() {
    Map<String, Object> trigger =
        Map.of("trigger", Map.of("filters", List.of(f("city", "==", "Berlin"))));
    assertThat(find(trigger, "any", f("title", "contains", "CEO"), f("title", "==", "CTO")))
        .containsExactly("John");
  }

  @Test
  void items_carry_the_company_and_the_latest_deal() {
    String john =
        owner.get(base + "/contacts?search=john").data().get("items").get(0).get("id").asString();
    owner
        .post(base + "/deals", Map.of("name", "First", "value", 100, "contactId", john))
        .expect(201);
    clock.advance(Duration.ofSeconds(1));
    owner
        .post(base + "/deals", Map.of("name", "Second", "value", 50000, "contactId", john))
        .expect(201);
    ActionResult.Found found =
        (ActionResult.Found)
            search.execute(
                new ActionCall(
                    UUID.fromString(ws),
                    UUID.randomUUID(),
                    "Finder",
                    UUID.randomUUID(),
                    1,
                    Map.of("filters", List.of(f("email", "==", "john@acme.com"))),
                    Map.of(),
                    Map.of(),
                    log));
    Map<String, Object> item = found.items().getFirst();
    assertThat(((Map<?, ?>) item.get("company")).get("name")).isEqualTo("Acme Corp");
    assertThat(((Map<?, ?>) item.get("deal")).get("name")).isEqualTo("Second");
    assertThat(((Map<?, ?>) item.get("deal")).get("value")).isEqualTo(50000L);
    Map<?, ?> contact = (Map<?, ?>) item.get("contact");
    assertThat(contact.get("id")).isEqualTo(john);
    assertThat(contact.get("tags")).isEqualTo(List.of("vip"));
    assertThat(((Map<?, ?>) contact.get("customFields")).get("tier")).isEqualTo("gold");
  }
}
