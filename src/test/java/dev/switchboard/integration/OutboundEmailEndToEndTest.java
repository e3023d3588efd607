package dev.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.support.AgentBuilder;
import dev.switchboard.support.Runs;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The seed's outbound example from end to end, on real parts only: the CRM filled through its API,
 * an agent whose plain-language instructions the built-in parser compiles on save, the run engine,
 * search_contacts, send_email over SMTP (GreenMail) and the activities it leaves on the timeline.
 */
@Tag("db")
class OutboundEmailEndToEndTest extends IntegrationTestBase {

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("agent", "smtp-secret"));

  private static final String INSTRUCTIONS =
      "Find contacts where title contains CEO and send email using template 'Outbound v2'";

  @Test
  void the_ceo_outreach_agent_emails_exactly_the_three_ceos_with_resolved_templates()
      throws Exception {
    String workspace = freshWorkspace();
    connectSmtp(workspace, smtp.getSmtp().getPort());
    String acme = id(company(workspace, "Acme Corp"));
    String globex = id(company(workspace, "Globex"));
    String initech = id(company(workspace, "Initech"));
    String john = person(workspace, "John", "Doe", "john@acme.com", "CEO", acme);
    person(workspace, "Mary", "Major", "mary@acme.com", "Head of Sales", acme);
    String ana = person(workspace, "Ana", "Lima", "ana@globex.io", "Co-founder & CEO", globex);
    String bob = person(workspace, "Bob", "Stone", "bob@globex.io", "CTO", globex);
    person(workspace, "Peter", "Gibbons", "peter@initech.com", "Engineer", initech);
    String bill = person(workspace, "Bill", "Lumbergh", "bill@initech.com", "CEO", initech);
    person(workspace, "Sara", "Ng", "sara@example.org", "Marketing Manager", null);
    person(workspace, "Tom", "Hale", "tom@example.org", "Sales Rep", null);
    person(workspace, "Ivy", "Chen", "ivy@example.org", "Product Manager", null);
    person(workspace, "Leo", "Park", "leo@example.org", "Consultant", null);
    template(
        workspace,
        "Outbound v2",
        "Quick question about @company.name",
        "Hi @contact.firstName,\n\nI noticed @company.name is growing fast. Would a 15-minute"
            + " call next week make sense to see if we can help?\n\nBest regards");
    Map<String, Object> body = new LinkedHashMap<>(AgentBuilder.anAgent().live().body());
    body.put("instructions", INSTRUCTIONS);
    JsonNode created =
        owner.post("/api/workspaces/" + workspace + "/agents", body).expect(201).data();
    JsonNode steps = created.get("plan").get("steps");
    assertThat(steps.get(0).get("type").asString()).isEqualTo("search_contacts");
    assertThat(steps.get(1).get("type").asString()).isEqualTo("send_email");

    JsonNode run =
        Runs.awaitStatus(
            owner,
            workspace,
            Runs.trigger(owner, workspace, created.get("id").asString()),
            "completed",
            "failed");

    assertThat(run.get("status").asString()).isEqualTo("completed");
    assertThat(run.get("processedCount").asInt()).isEqualTo(3);
    assertThat(run.get("summary").get("emailsSent").asInt()).isEqualTo(3);
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(3);
    Map<String, String> subjectByRecipient = new LinkedHashMap<>();
    Map<String, String> bodyByRecipient = new LinkedHashMap<>();
    for (MimeMessage m : received) {
      assertThat(m.getRecipients(Message.RecipientType.TO)).hasSize(1);
      String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
      subjectByRecipient.put(to, m.getSubject());
      bodyByRecipient.put(to, String.valueOf(m.getContent()));
      assertThat(m.getFrom()[0].toString()).isEqualTo("agent@switchboard.test");
    }
    assertThat(subjectByRecipient)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "john@acme.com", "Quick question about Acme Corp",
                "ana@globex.io", "Quick question about Globex",
                "bill@initech.com", "Quick question about Initech"));
    assertThat(bodyByRecipient.get("john@acme.com"))
        .startsWith("Hi John,")
        .contains("I noticed Acme Corp is growing fast.")
        .doesNotContain("@");
    assertThat(bodyByRecipient.get("ana@globex.io")).startsWith("Hi Ana,").contains("Globex");
    assertThat(bodyByRecipient.get("bill@initech.com")).startsWith("Hi Bill,").contains("Initech");
    assertThat(activities(workspace, john)).containsExactly("Email sent to john@acme.com");
    assertThat(activities(workspace, ana)).containsExactly("Email sent to ana@globex.io");
    assertThat(activities(workspace, bill)).containsExactly("Email sent to bill@initech.com");
    assertThat(activities(workspace, bob)).isEmpty();
    assertThat(logLines(workspace, run))
        .contains(
            "Email sent to john@acme.com: Quick question about Acme Corp",
            "Email sent to ana@globex.io: Quick question about Globex",
            "Email sent to bill@initech.com: Quick question about Initech");
  }

  /** A contact created through the API; returns its id. */
  private String person(
      String workspace, String first, String last, String email, String title, String companyId) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("firstName", first);
    fields.put("lastName", last);
    fields.put("email", email);
    fields.put("title", title);
    if (companyId != null) {
      fields.put("companyId", companyId);
    }
    return id(contact(workspace, fields));
  }
}
