package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class CrmApiTest extends SwitchboardTestBase {

  String base;

  @BeforeEach
  void freshWorkspace() {
    ws = owner.createWorkspace("CRM " + System.nanoTime());
    base = "/api/workspaces/" + ws;
  }

  @Test
  void contacts_are_created_read_updated_listed_and_deleted() {
    String company =
        owner
            .post(base + "/companies", Map.of("name", "Acme Corp", "domain", "acme.com"))
            .expect(201)
            .data()
            .get("id")
            .asString();
    JsonNode created =
        owner
            .post(
                base + "/contacts",
                Map.of(
                    "firstName", "John",
                    "lastName", "Doe",
                    "email", "John@Acme.com",
                    "title", "CEO",
                    "companyId", company,
                    "tags", List.of("VIP", "Lead")))
            .expect(201)
            .data();
    String id = created.get("id").asString();
    assertThat(created.get("replied").asBoolean()).isFalse();
    assertThat(created.get("tags").toString()).contains("VIP", "Lead");
    assertThat(created.get("companyId").asString()).isEqualTo(company);

    JsonNode updated =
        owner
            .put(base + "/contacts/" + id, Map.of("city", "Berlin", "tags", List.of("VIP")))
            .expect(200)
            .data();
    assertThat(updated.get("city").asString()).isEqualTo("Berlin");
    assertThat(updated.get("firstName").asString()).isEqualTo("John");
    assertThat(updated.get("tags")).hasSize(1);

    owner
        .post(base + "/contacts", Map.of("email", "jane@beta.io", "firstName", "Jane"))
        .expect(201);
    JsonNode search = owner.get(base + "/contacts?search=acme").expect(200).data();
    assertThat(search.get("total").asInt()).isEqualTo(1);
    assertThat(owner.get(base + "/contacts?search=ceo").data().get("total").asInt()).isEqualTo(1);
    assertThat(
            owner.get(base + "/contacts?tag=vip").data().get("items").get(0).get("id").asString())
        .isEqualTo(id);
    assertThat(owner.get(base + "/contacts").data().get("total").asInt()).isEqualTo(2);

    owner.delete(base + "/contacts/" + id).expect(200);
    owner.get(base + "/contacts/" + id).expect(404);
  }

  @Test
  void invalid_input_names_the_field() {
    Api.Response bad = owner.post(base + "/contacts", Map.of("email", "not-an-email")).expect(400);
    assertThat(bad.error().get("field").asString()).isEqualTo("email");
    owner.post(base + "/contacts", Map.of("email", "a@b.co")).expect(201);
    Api.Response duplicate = owner.post(base + "/contacts", Map.of("email", "A@B.co")).expect(409);
    assertThat(duplicate.error().get("field").asString()).isEqualTo("email");
    Api.Response unknownField =
        owner
            .post(
                base + "/contacts",
                Map.of("email", "x@b.co", "customFields", Map.of("leadScore", "A")))
            .expect(400);
    assertThat(unknownField.error().get("message").asString())
        .isEqualTo("Custom field 'leadScore' not found. Create field first.");
    assertThat(unknownField.error().get("field").asString()).isEqualTo("customFields.leadScore");
    owner
        .post(
            base + "/custom-fields", Map.of("entity", "contact", "name", "score", "type", "number"))
        .expect(201);
    Api.Response wrongType =
        owner
            .post(
                base + "/contacts",
                Map.of("email", "y@b.co", "customFields", Map.of("score", "high")))
            .expect(400);
    assertThat(wrongType.error().get("message").asString()).contains("score").contains("number");
    JsonNode ok =
        owner
            .post(
                base + "/contacts",
                Map.of("email", "z@b.co", "customFields", Map.of("score", "42")))
            .expect(201)
            .data();
    assertThat(ok.get("customFields").get("score").asInt()).isEqualTo(42);
    owner.post(base + "/contacts", Map.of("email", "r@b.co", "replied", true)).expect(400);
    owner.post(base + "/deals", Map.of("name", "D", "value", "lots")).expect(400);
    Api.Response badAssignee =
        owner
            .post(
                base + "/tasks",
                Map.of("title", "T", "assigneeId", "00000000-0000-0000-0000-000000000001"))
            .expect(400);
    assertThat(badAssignee.error().get("message").asString())
        .isEqualTo(
            "Cannot assign task to user 00000000-0000-0000-0000-000000000001: user not found");
  }

  @Test
  void foreign_ids_answer_404_and_viewers_cannot_write() {
    String contact =
        owner
            .post(base + "/contacts", Map.of("email", "own@b.co"))
            .expect(201)
            .data()
            .get("id")
            .asString();
    String other = owner.createWorkspace("Other " + System.nanoTime());
    owner.get("/api/workspaces/" + other + "/contacts/" + contact).expect(404);
    owner.put("/api/workspaces/" + other + "/contacts/" + contact, Map.of("city", "X")).expect(404);
    owner
        .post("/api/workspaces/" + other + "/deals", Map.of("name", "D", "contactId", contact))
        .expect(404);

    String email = "viewer" + System.nanoTime() + "@test.local";
    owner.addMember(ws, email, "viewer-pass-123", "viewer");
    Api viewer = Api.login(port, email, "viewer-pass-123");
    viewer.get(base + "/contacts").expect(200);
    viewer.get(base + "/contacts/" + contact).expect(200);
    viewer.post(base + "/contacts", Map.of("email", "v@b.co")).expect(403);
    viewer.put(base + "/contacts/" + contact, Map.of("city", "X")).expect(403);
    viewer.delete(base + "/contacts/" + contact).expect(403);
    viewer.post(base + "/companies", Map.of("name", "C")).expect(403);
  }

  @Test
  void templates_custom_fields_tags_activities_and_forms() {
    owner
        .post(
            base + "/email-templates", Map.of("name", "Outbound v2", "subject", "Hi", "body", "B"))
        .expect(201);
    owner
        .post(
            base + "/email-templates", Map.of("name", "outbound V2", "subject", "Hi", "body", "B"))
        .expect(409);
    owner
        .post(
            base + "/custom-fields",
            Map.of(
                "entity",
                "contact",
                "name",
                "tier",
                "type",
                "choice",
                "options",
                List.of("A", "B")))
        .expect(201);
    owner.post(base + "/custom-fields", Map.of("name", "bad", "type", "choice")).expect(400);
    owner.post(base + "/tags", Map.of("name", "Interested")).expect(201);
    assertThat(owner.get(base + "/tags").data().get(0).get("name").asString())
        .isEqualTo("Interested");

    String form =
        owner
            .post(
                base + "/forms",
                Map.of(
                    "name",
                    "Demo request",
                    "fields",
                    List.of(
                        Map.of("name", "email", "required", true), Map.of("name", "firstName"))))
            .expect(201)
            .data()
            .get("id")
            .asString();
    owner.post(base + "/forms/" + form + "/submissions", Map.of("data", Map.of())).expect(400);
    JsonNode submission =
        owner
            .post(
                base + "/forms/" + form + "/submissions",
                Map.of("data", Map.of("email", "lead@web.io", "firstName", "Lea")))
            .expect(201)
            .data();
    String contact = submission.get("contactId").asString();
    assertThat(owner.get(base + "/contacts/" + contact).data().get("firstName").asString())
        .isEqualTo("Lea");
    owner
        .post(base + "/activities", Map.of("contactId", contact, "text", "Called, no answer"))
        .expect(201);
    assertThat(
            owner
                .get(base + "/activities?contactId=" + contact)
                .data()
                .get(0)
                .get("text")
                .asString())
        .isEqualTo("Called, no answer");
  }
}
