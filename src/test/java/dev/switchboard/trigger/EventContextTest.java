package dev.switchboard.trigger;

import static dev.switchboard.support.AgentBuilder.anAgent;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Runs;
import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each CRM event type, end to end: what its runs see ({@code @contact.*}, {@code @company.*},
 * {@code @deal.*}, {@code @form.*}), and that before any search the event's contact is the one the
 * steps act on.
 */
@Tag("db")
class EventContextTest extends SwitchboardTestBase {

  private static final Map<String, Object> TAG_IT =
      step("add_tag", Map.of("tags", List.of("Triggered")));

  private String space;
  private String software;
  private String retail;

  @BeforeEach
  void ownWorkspace() {
    space = owner.createWorkspace("event context " + UUID.randomUUID());
    software = company("Acme", "Software");
    retail = company("Shop", "Retail");
  }

  @Test
  void a_created_contact_brings_its_company_and_is_the_contact_the_steps_tag() {
    String agent = listening(event("contact.created", industryIs("Software")));

    String ada = contact("ada@example.com", software);
    String bob = contact("bob@example.com", retail);

    List<JsonNode> outcomes = awaitOutcomes(agent, 2);
    assertThat(outcomes)
        .extracting(o -> o.get("outcome").asString())
        .containsExactly("filtered", "started");
    assertThat(outcomes.get(0).get("detail").asString())
        .isEqualTo("company.industry == \"Software\" was false (company.industry = Retail)");
    JsonNode run = completed(outcomes.get(1));
    JsonNode context = run.get("triggerContext").get("context");
    assertThat(context.get("contact").get("email").asString()).isEqualTo("ada@example.com");
    assertThat(context.get("company").get("name").asString()).isEqualTo("Acme");
    assertThat(tags(ada)).containsExactly("Triggered");
    assertThat(tags(bob)).isEmpty();
    JsonNode newest =
        owner.get("/api/workspaces/" + space + "/events?agentId=" + agent + "&limit=1").data();
    assertThat(newest).hasSize(1);
    assertThat(newest.get(0).get("type").asString()).isEqualTo("contact.created");
    assertThat(newest.get(0).get("outcomes").get(0).get("outcome").asString())
        .isEqualTo("filtered");
    assertThat(
            owner
                .get("/api/workspaces/" + space + "/events?limit=0")
                .expect(400)
                .json()
                .get("error")
                .get("field")
                .asString())
        .isEqualTo("limit");
  }

  @Test
  void an_updated_contact_carries_its_new_values() {
    String ada = contact("ada@example.com", software);
    String agent =
        listening(
            event(
                "contact.updated",
                Map.of("field", "contact.city", "operator", "==", "value", "Lisbon")));

    owner.put(crm("/contacts/" + ada), Map.of("city", "Lisbon")).expect(200);

    JsonNode run = completed(awaitOutcomes(agent, 1).getFirst());
    assertThat(run.get("triggeredBy").asString()).isEqualTo("event: contact_updated");
    JsonNode context = run.get("triggerContext").get("context");
    assertThat(context.get("contact").get("city").asString()).isEqualTo("Lisbon");
    assertThat(context.get("company").get("industry").asString()).isEqualTo("Software");
    assertThat(tags(ada)).containsExactly("Triggered");
  }

  @Test
  void a_deal_stage_change_carries_the_deal_its_contact_and_its_company() {
    String ada = contact("ada@example.com", null);
    String agent =
        listening(
            event(
                "deal.stage_updated",
                Map.of(
                    "all",
                    List.of(
                        industryIs("Software"),
                        Map.of("field", "deal.stage", "operator", "==", "value", "Closed Won"),
                        Map.of(
                            "field",
                            "deal.previousStage",
                            "operator",
                            "==",
                            "value",
                            "Proposal")))));
    String withCompany = deal(ada, software);
    String elsewhere = deal(ada, retail);

    owner.put(crm("/deals/" + elsewhere), Map.of("stage", "Closed Won")).expect(200);
    owner.put(crm("/deals/" + withCompany), Map.of("stage", "Closed Won")).expect(200);

    List<JsonNode> outcomes = awaitOutcomes(agent, 2);
    assertThat(outcomes)
        .extracting(o -> o.get("outcome").asString())
        .containsExactly("started", "filtered");
    assertThat(outcomes.get(1).get("detail").asString()).contains("company.industry = Retail");
    JsonNode run = completed(outcomes.get(0));
    assertThat(run.get("triggeredBy").asString()).isEqualTo("event: deal_stage_updated");
    JsonNode context = run.get("triggerContext").get("context");
    assertThat(context.get("deal").get("id").asString()).isEqualTo(withCompany);
    assertThat(context.get("deal").get("previousStage").asString()).isEqualTo("Proposal");
    assertThat(context.get("contact").get("email").asString()).isEqualTo("ada@example.com");
    assertThat(context.get("company").get("id").asString()).isEqualTo(software);
    assertThat(tags(ada)).containsExactly("Triggered");
  }

  @Test
  void a_deal_without_a_company_takes_its_contacts_company() {
    String ada = contact("ada@example.com", software);
    String agent = listening(event("deal.stage_updated", industryIs("Software")));
    String deal = deal(ada, null);

    owner.put(crm("/deals/" + deal), Map.of("stage", "Closed Won")).expect(200);

    JsonNode run = completed(awaitOutcomes(agent, 1).getFirst());
    assertThat(run.get("triggerContext").get("context").get("company").get("name").asString())
        .isEqualTo("Acme");
  }

  @Test
  void a_form_from_a_new_email_creates_the_contact_first_and_the_run_acts_on_it() {
    String form =
        owner
            .post(
                crm("/forms"),
                Map.of(
                    "name",
                    "Demo",
                    "fields",
                    List.of(Map.of("name", "email"), Map.of("name", "firstName"))))
            .expect(201)
            .data()
            .get("id")
            .asString();
    String agent =
        listening(
            Map.of(
                "type",
                "event",
                "event",
                "form.submitted",
                "formId",
                form,
                "condition",
                Map.of("field", "form.firstName", "operator", "==", "value", "Nia")));

    owner
        .post(
            crm("/forms/" + form + "/submissions"),
            Map.of("data", Map.of("email", "nia@example.com", "firstName", "Nia")))
        .expect(201);

    JsonNode run = completed(awaitOutcomes(agent, 1).getFirst());
    assertThat(run.get("triggeredBy").asString()).isEqualTo("event: form_submitted");
    JsonNode context = run.get("triggerContext").get("context");
    assertThat(context.get("form").get("formName").asString()).isEqualTo("Demo");
    String contactId = context.get("contact").get("id").asString();
    JsonNode created = owner.get(crm("/contacts/" + contactId)).expect(200).data();
    assertThat(created.get("email").asString()).isEqualTo("nia@example.com");
    assertThat(created.get("firstName").asString()).isEqualTo("Nia");
    assertThat(tags(contactId)).containsExactly("Triggered");
  }

  private static Map<String, Object> industryIs(String industry) {
    return Map.of("field", "company.industry", "operator", "==", "value", industry);
  }

  private static Map<String, Object> event(String name, Map<String, Object> condition) {
    return Map.of("type", "event", "event", name, "condition", condition);
  }

  private String listening(Map<String, Object> trigger) {
    return anAgent().live().withSteps(TAG_IT).withTriggers(trigger).createIn(owner, space);
  }

  private String company(String name, String industry) {
    return id(owner.post(crm("/companies"), Map.of("name", name, "industry", industry)));
  }

  private String contact(String email, String companyId) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("email", email);
    if (companyId != null) {
      body.put("companyId", companyId);
    }
    return id(owner.post(crm("/contacts"), body));
  }

  private String deal(String contactId, String companyId) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", "Deal " + UUID.randomUUID());
    body.put("value", 20000);
    body.put("stage", "Proposal");
    body.put("contactId", contactId);
    if (companyId != null) {
      body.put("companyId", companyId);
    }
    return id(owner.post(crm("/deals"), body));
  }

  private static String id(dev.switchboard.support.Api.Response response) {
    return response.expect(201).data().get("id").asString();
  }

  private JsonNode completed(JsonNode outcome) {
    return Runs.awaitStatus(owner, space, outcome.get("executionId").asString(), "completed");
  }

  private List<String> tags(String contactId) {
    List<String> out = new ArrayList<>();
    owner
        .get(crm("/contacts/" + contactId))
        .expect(200)
        .data()
        .get("tags")
        .forEach(t -> out.add(t.isString() ? t.asString() : t.get("name").asString()));
    return out;
  }

  private List<JsonNode> awaitOutcomes(String agent, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes(agent).size() >= count);
    List<JsonNode> out = outcomes(agent);
    assertThat(out).hasSize(count);
    return out;
  }

  /** Newest event first. */
  private List<JsonNode> outcomes(String agent) {
    List<JsonNode> out = new ArrayList<>();
    owner
        .get("/api/workspaces/" + space + "/events?agentId=" + agent)
        .expect(200)
        .data()
        .forEach(e -> e.get("outcomes").forEach(out::add));
    return out;
  }

  private String crm(String path) {
    return "/api/workspaces/" + space + path;
  }
}
