package dev.switchboard.integration.actions;

import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.switchboard.integration.IntegrationTestBase;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionResult;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@Tag("db")
class SendEmailActionTest extends IntegrationTestBase {

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("agent", "smtp-secret"));

  @Autowired SendEmailAction sendEmail;

  private String connectedWorkspace() {
    String workspace = freshWorkspace();
    connectSmtp(workspace, smtp.getSmtp().getPort());
    return workspace;
  }

  @Test
  void template_variables_are_resolved_and_the_email_reaches_the_smtp_server() throws Exception {
    String workspace = connectedWorkspace();
    template(
        workspace,
        "Outbound v2",
        "Hi @contact.firstName, question about @company.name",
        "Dear @contact.firstName @contact.lastName,\nhow is @company.name doing?");
    Map<String, Object> acme = company(workspace, "Acme Corp");
    Map<String, Object> john =
        contact(
            workspace,
            Map.of(
                "firstName", "John",
                "lastName", "Doe",
                "email", "john@acme.com",
                "companyId", id(acme)));
    String agent =
        agent(workspace, null, List.of(step("send_email", Map.of("template", "Outbound v2"))));

    JsonNode run = runWith(workspace, agent, Map.of("contact", john, "company", acme));

    assertThat(run.get("status").asString()).isEqualTo("completed");
    assertThat(run.get("summary").get("emailsSent").asInt()).isEqualTo(1);
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Hi John, question about Acme Corp");
    assertThat(received[0].getRecipients(Message.RecipientType.TO)[0].toString())
        .isEqualTo("john@acme.com");
    assertThat(received[0].getFrom()[0].toString()).isEqualTo("agent@switchboard.test");
    assertThat(GreenMailUtil.getBody(received[0]))
        .contains("Dear John Doe,")
        .contains("how is Acme Corp doing?");
    assertThat(activities(workspace, id(john))).containsExactly("Email sent to john@acme.com");
    assertThat(logLines(workspace, run))
        .contains("Email sent to john@acme.com: Hi John, question about Acme Corp");
  }

  @Test
  void without_an_email_integration_the_run_fails_and_owners_are_told() {
    String workspace = freshWorkspace();
    String agent =
        agent(workspace, null, List.of(step("send_email", Map.of("subject", "Hi", "body", "x"))));

    Map<String, Object> john = contact(workspace, "John", "Doe", "john@acme.com", null);

    JsonNode run = runWith(workspace, agent, Map.of("contact", john));

    assertThat(run.get("status").asString()).isEqualTo("failed");
    assertThat(run.get("error").get("message").asString())
        .isEqualTo("Email integration not connected");
    assertThat(activities(workspace, id(john))).isEmpty();
    assertThat(notifications(workspace))
        .anyMatch(n -> n.startsWith("Email integration not connected"));
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void a_missing_template_fails_the_step() {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, null, List.of());
    DirectCall call = new DirectCall(workspace, agent);

    assertThatThrownBy(() ->
            call.run(
                sendEmail,
                1,
                Map.of("template", "Nope"),
                Map.of("contact", contact(workspace, "J", "D", "j@acme.com", null))))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("Email template 'Nope' not found");
  }

  @Test
  void an_invalid_address_fails_the_only_recipient_and_skips_a_contact_of_a_list() {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, null, List.of());
    DirectCall call = new DirectCall(workspace, agent);
    Map<String, Object> params = Map.of("subject", "Hi", "body", "Hello");

    assertThatThrownBy(
            () -> call.run(sendEmail, 1, Map.of("to", "not an address", "subject", "s"), Map.of()))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("Invalid email address: not an address");
    // The CRM refuses to store such an address, so the contact is one a trigger brought along.
    ActionResult skipped =
        call.run(sendEmail, 1, params, Map.of("contact", bareContact("Jo", "Bad", "jo@@acme")));

    assertThat(skipped).isEqualTo(new ActionResult.Skipped("Invalid email address: jo@@acme"));
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void a_contact_without_email_is_skipped_with_a_warning() {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, null, List.of());

    ActionResult result =
        new DirectCall(workspace, agent)
            .run(
                sendEmail,
                1,
                Map.of("subject", "Hi", "body", "Hello"),
                // The CRM requires an email, so the contact is one a trigger brought along.
                Map.of("contact", bareContact("Jane", "Roe", null)));

    assertThat(result)
        .isEqualTo(new ActionResult.Skipped("Contact Jane Roe has no email address. Skipping."));
  }

  @Test
  void unknown_variables_in_a_template_stay_visible_with_a_warning() throws Exception {
    String workspace = connectedWorkspace();
    template(workspace, "Typo", "Hi @contact.firstNam", "Body");
    String agent = agent(workspace, null, List.of());
    DirectCall call = new DirectCall(workspace, agent);

    call.run(
        sendEmail,
        1,
        Map.of("template", "typo"),
        Map.of("contact", contact(workspace, "John", "Doe", "john@acme.com", null)));

    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Hi @contact.firstNam");
    assertThat(call.log).contains("Warning: Variable @contact.firstNam not found; left as written");
  }

  @Test
  void a_server_that_drops_the_connection_mid_data_is_retried_then_the_step_fails()
      throws Exception {
    try (FlakySmtpPeer peer = new FlakySmtpPeer(FlakySmtpPeer.Mode.DROP_MID_DATA)) {
      String workspace = freshWorkspace();
      connectSmtp(workspace, peer.port());
      String agent = agent(workspace, null, List.of());
      DirectCall call = new DirectCall(workspace, agent);
      Map<String, Object> john = contact(workspace, "John", "Doe", "john@acme.com", null);
      Map<String, Object> item = Map.of("contact", john);

      assertThatThrownBy(() -> call.run(sendEmail, 1, Map.of("subject", "Hi", "body", "x"), item))
          .isInstanceOf(ActionFailure.class)
          .hasMessage(
              "The connection to the SMTP server at 127.0.0.1:"
                  + peer.port()
                  + " timed out or was closed");
      assertThat(peer.connections.get()).isEqualTo(4);
      // Nothing left, so a later attempt of the same run may send it.
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from sent_emails where execution_id = ?",
                  Integer.class,
                  call.executionId))
          .isZero();
      assertThat(activities(workspace, id(john))).isEmpty();
    }
  }

  @Test
  void a_port_refusing_connections_is_reported_as_unreachable_not_as_a_rate_limit()
      throws Exception {
    int closed = closedPort();
    String workspace = freshWorkspace();
    connectSmtp(workspace, closed);
    String agent =
        agent(workspace, null, List.of(step("send_email", Map.of("subject", "Hi", "body", "x"))));
    Map<String, Object> john = contact(workspace, "John", "Doe", "john@acme.com", null);

    JsonNode run = runWith(workspace, agent, Map.of("contact", john));

    assertThat(run.get("status").asString()).isEqualTo("failed");
    assertThat(run.get("error").get("message").asString())
        .isEqualTo("Could not connect to the SMTP server at 127.0.0.1:" + closed);
    assertThat(activities(workspace, id(john))).isEmpty();
  }

  @Test
  void a_busy_server_is_retried_through_the_engine_then_the_run_fails() throws Exception {
    try (FlakySmtpPeer peer = new FlakySmtpPeer(FlakySmtpPeer.Mode.BUSY_GREETING)) {
      String workspace = freshWorkspace();
      connectSmtp(workspace, peer.port());
      String agent =
          agent(workspace, null, List.of(step("send_email", Map.of("subject", "Hi", "body", "x"))));

      Map<String, Object> john = contact(workspace, "John", "Doe", "john@acme.com", null);

      JsonNode run = runWith(workspace, agent, Map.of("contact", john));

      assertThat(run.get("status").asString()).isEqualTo("failed");
      assertThat(run.get("error").get("message").asString())
          .isEqualTo("Email provider rate limit exceeded");
      assertThat(peer.connections.get()).isEqualTo(4);
      assertThat(activities(workspace, id(john))).isEmpty();
    }
  }

  @Test
  void the_email_over_the_daily_limit_is_not_sent_pauses_the_agent_and_emails_the_owner()
      throws Exception {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, 2, List.of());
    DirectCall call = new DirectCall(workspace, agent);
    Map<String, Object> params = Map.of("subject", "Hi", "body", "Hello");
    Map<String, Object> a = contact(workspace, "A", "A", "a@acme.com", null);
    Map<String, Object> b = contact(workspace, "B", "B", "b@acme.com", null);
    Map<String, Object> c = contact(workspace, "C", "C", "c@acme.com", null);

    call.run(sendEmail, 1, params, Map.of("contact", a));
    call.run(sendEmail, 1, params, Map.of("contact", b));

    assertThatThrownBy(() -> call.run(sendEmail, 1, params, Map.of("contact", c)))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("Email limit reached (2/day)");
    assertThat(recipientsOtherThanTheOwner()).containsExactly("a@acme.com", "b@acme.com");
    assertThat(activities(workspace, id(a))).containsExactly("Email sent to a@acme.com");
    assertThat(activities(workspace, id(b))).containsExactly("Email sent to b@acme.com");
    assertThat(activities(workspace, id(c))).isEmpty();
    assertThat(agentStatus(workspace, agent)).isEqualTo("paused");
    assertThat(notifications(workspace))
        .contains("Agent 'Test agent' paused: Email limit reached (2/day)");
    // With SMTP connected, the owner also gets the notification by email.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() ->
            java.util.Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(m -> {
                  try {
                    return m.getAllRecipients()[0].toString().equals(OWNER)
                        && m.getSubject()
                            .equals(
                                "Switchboard: Agent 'Test agent' paused: Email limit"
                                    + " reached (2/day)");
                  } catch (jakarta.mail.MessagingException e) {
                    return false;
                  }
                }));
  }

  @Test
  void four_contacts_found_with_two_emails_allowed_send_exactly_two_also_after_a_retry()
      throws Exception {
    String workspace = connectedWorkspace();
    for (String name : List.of("ann", "bob", "cid", "dan")) {
      contact(
          workspace,
          Map.of(
              "firstName", name, "lastName", "Lee", "email", name + "@acme.com", "title", "CEO"));
    }
    String agent =
        agent(
            workspace,
            2,
            List.of(
                step(
                    "search_contacts",
                    Map.of(
                        "filters",
                        List.of(Map.of("field", "title", "operator", "contains", "value", "CEO")))),
                step("send_email", Map.of("subject", "Hi @contact.firstName", "body", "Hello"))));

    JsonNode run =
        dev.switchboard.support.Runs.awaitStatus(
            owner,
            workspace,
            dev.switchboard.support.Runs.trigger(owner, workspace, agent),
            "completed",
            "failed");
    assertThat(run.get("error").get("message").asString()).isEqualTo("Email limit reached (2/day)");
    assertThat(recipientsOtherThanTheOwner()).hasSize(2);

    // The owner sets the paused agent live again and retries: the day's limit still holds.
    owner
        .post(
            "/api/workspaces/" + workspace + "/agents/" + agent + "/status",
            Map.of("status", "live"))
        .expect(200);
    String retry =
        owner
            .post(
                "/api/workspaces/"
                    + workspace
                    + "/executions/"
                    + run.get("executionId").asString()
                    + "/retry",
                null)
            .expect(202)
            .data()
            .get("executionId")
            .asString();
    dev.switchboard.support.Runs.awaitStatus(owner, workspace, retry, "completed", "failed");
    assertThat(recipientsOtherThanTheOwner()).hasSize(2);
  }

  @Test
  void parallel_runs_of_one_agent_never_pass_its_daily_limit_together() throws Exception {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, 2, List.of());
    int runs = 6;
    List<Map<String, Object>> contacts = new java.util.ArrayList<>();
    for (int i = 0; i < runs; i++) {
      contacts.add(contact(workspace, "P" + i, "Lee", "p" + i + "@acme.com", null));
    }
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(runs);
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new java.util.ArrayList<>();
    for (Map<String, Object> c : contacts) {
      DirectCall call = new DirectCall(workspace, agent);
      threads.add(
          Thread.ofPlatform()
              .start(() -> {
                try {
                  start.await();
                  call.run(
                      sendEmail, 1, Map.of("subject", "Hi", "body", "Hello"), Map.of("contact", c));
                } catch (ActionFailure limit) {
                  refused.incrementAndGet();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(recipientsOtherThanTheOwner()).hasSize(2);
    assertThat(refused.get()).isEqualTo(runs - 2);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from sent_emails where agent_id = ?",
                Long.class,
                UUID.fromString(agent)))
        .isEqualTo(2L);
  }

  /** Who the emails went to, leaving out the owner's notification emails. */
  private List<String> recipientsOtherThanTheOwner() throws jakarta.mail.MessagingException {
    List<String> to = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : smtp.getReceivedMessages()) {
      String recipient = m.getAllRecipients()[0].toString();
      if (!recipient.equals(OWNER)) {
        to.add(recipient);
      }
    }
    return to;
  }

  @Test
  void the_default_limit_stops_the_101st_email() throws Exception {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, null, List.of());
    // 100 emails of this agent today, claimed in the ledger as earlier runs would have.
    for (int i = 0; i < 100; i++) {
      jdbc.update(
          """
          insert into sent_emails (execution_id, step, contact_key, workspace_id, agent_id,
          recipient, status, claimed_at, sent_at) values (?, 1, ?, ?, ?, ?, 'sent', ?, ?)\
          """,
          UUID.randomUUID(),
          "c" + i,
          UUID.fromString(workspace),
          UUID.fromString(agent),
          "c" + i + "@acme.com",
          java.time.OffsetDateTime.now(clock),
          java.time.OffsetDateTime.now(clock));
    }

    assertThatThrownBy(() ->
            new DirectCall(workspace, agent)
                .run(
                    sendEmail,
                    1,
                    Map.of("subject", "Hi", "body", "x"),
                    Map.of("contact", contact(workspace, "X", "Y", "x@acme.com", null))))
        .hasMessage("Email limit reached (100/day)");
    assertThat(recipientsOtherThanTheOwner()).isEmpty();
    assertThat(agentStatus(workspace, agent)).isEqualTo("paused");
  }

  @Test
  void the_same_run_step_and_contact_sends_once_even_when_called_twice() {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, null, List.of());
    DirectCall call = new DirectCall(workspace, agent);
    Map<String, Object> john = contact(workspace, "John", "Doe", "john@acme.com", null);
    Map<String, Object> item = Map.of("contact", john);
    Map<String, Object> params = Map.of("subject", "Once", "body", "only once");

    call.run(sendEmail, 2, params, item);
    ActionResult again = call.run(sendEmail, 2, params, item);

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(again).isInstanceOf(ActionResult.Done.class);
    assertThat(call.log)
        .contains("Email to john@acme.com already sent by this run; not sending it again");
    // Another step of the same run is another email.
    call.run(sendEmail, 3, params, item);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(activities(workspace, id(john)))
        .containsExactly("Email sent to john@acme.com", "Email sent to john@acme.com");
  }

  @Test
  void a_claim_left_by_a_crash_mid_send_is_not_sent_again() {
    String workspace = connectedWorkspace();
    String agent = agent(workspace, null, List.of());
    DirectCall call = new DirectCall(workspace, agent);
    Map<String, Object> john = contact(workspace, "John", "Doe", "john@acme.com", null);
    jdbc.update(
        """
        insert into sent_emails (execution_id, step, contact_key, workspace_id, agent_id,
        recipient, status, claimed_at) values (?, 1, ?, ?, ?, 'john@acme.com', 'claimed', ?)\
        """,
        call.executionId,
        id(john),
        UUID.fromString(workspace),
        UUID.fromString(agent),
        java.time.OffsetDateTime.now(clock));

    ActionResult result =
        call.run(sendEmail, 1, Map.of("subject", "Hi", "body", "x"), Map.of("contact", john));

    assertThat(result).isInstanceOf(ActionResult.Skipped.class);
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(activities(workspace, id(john))).isEmpty();
  }
}
