package dev.switchboard.integration.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.switchboard.support.Api.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.integration.IntegrationTestBase;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** web_search, linkedin_invite and enrich_contact against a real HTTP server (WireMock). */
@Tag("db")
class HttpActionsTest extends IntegrationTestBase {

  @RegisterExtension
  static WireMockExtension peer =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired WebSearchAction webSearch;
  @Autowired LinkedInInviteAction linkedIn;
  @Autowired EnrichContactAction enrich;

  private static final String JSON = "application/json";

  // --- web_search ---

  private String searchWorkspace(String provider) {
    String workspace = freshWorkspace();
    Map<String, Object> settings =
        provider.equals("google")
            ? Map.of(
                "provider",
                "google",
                "baseUrl",
                peer.baseUrl(),
                "apiKey",
                "g-key",
                "engineId",
                "cx-1")
            : Map.of("provider", "searxng", "baseUrl", peer.baseUrl());
    connect(workspace, "search", settings);
    return workspace;
  }

  @Test
  void google_results_become_search_results_for_the_next_step() {
    String workspace = searchWorkspace("google");
    peer.stubFor(
        get(urlPathEqualTo("/customsearch/v1"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", JSON)
                    .withBody(
                        """
                        {"items": [
                          {"title": "Acme raises Series B", "snippet": "Acme Corp raised", "link": "https://news.test/1"},
                          {"title": "Acme hires", "snippet": "New CEO", "link": "https://news.test/2"}
                        ]}\
                        """)));
    String agent =
        agent(
            workspace,
            null,
            List.of(
                step(
                    "web_search",
                    Map.of("query", "recent news about @company.name", "maxResults", 3)),
                step(
                    "remember",
                    Map.of("key", "first", "value", "I saw @search.results[0].title"))));

    JsonNode run = runWith(workspace, agent, Map.of("company", Map.of("name", "Acme Corp")));

    assertThat(run.get("status").asString()).isEqualTo("completed");
    peer.verify(
        getRequestedFor(urlPathEqualTo("/customsearch/v1"))
            .withQueryParam("key", equalTo("g-key"))
            .withQueryParam("cx", equalTo("cx-1"))
            .withQueryParam("q", equalTo("recent news about Acme Corp")));
    JsonNode output = run.get("steps").get(0);
    assertThat(output.get("status").asString()).isEqualTo("completed");
    String state =
        jdbc.queryForObject(
            "select state from executions where id = ?",
            String.class,
            UUID.fromString(run.get("executionId").asString()));
    assertThat(state)
        .contains("\"first\":\"I saw Acme raises Series B\"")
        .contains("\"url\":\"https://news.test/1\"");
    assertThat(logLines(workspace, run))
        .contains("Web search \"recent news about Acme Corp\" returned 2 results");
  }

  @Test
  void searxng_results_are_mapped_and_the_query_is_sanitised() {
    String workspace = searchWorkspace("searxng");
    peer.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", JSON)
                    .withBody(
                        """
                        {"results": [{"title": "T1", "content": "C1", "url": "https://a.test"},
                          {"title": "T2", "content": "C2", "url": "https://b.test"}]}\
                        """)));
    String agent = agent(workspace, null, List.of());

    ActionResult result =
        new DirectCall(workspace, agent)
            .run(
                webSearch,
                1,
                Map.of("query", "Acme\u0000 Corp's   CEO\n\tprofile & more", "maxResults", 1),
                Map.of());

    peer.verify(
        getRequestedFor(urlPathEqualTo("/search"))
            .withQueryParam("q", equalTo("Acme Corp's CEO profile & more"))
            .withQueryParam("format", equalTo("json")));
    assertThat(((ActionResult.Done) result).output().get("results"))
        .isEqualTo(List.of(Map.of("title", "T1", "snippet", "C1", "url", "https://a.test")));
  }

  @Test
  void no_results_is_an_empty_list_and_the_run_goes_on() {
    String workspace = searchWorkspace("searxng");
    peer.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse().withHeader("Content-Type", JSON).withBody("{\"results\": []}")));
    String agent =
        agent(
            workspace,
            null,
            List.of(
                step("web_search", Map.of("query", "nothing at all")),
                step("remember", Map.of("key", "after", "value", "went on"))));

    JsonNode run = runWith(workspace, agent, Map.of());

    assertThat(run.get("status").asString()).isEqualTo("completed");
    assertThat(run.get("steps").get(1).get("status").asString()).isEqualTo("completed");
  }

  @Test
  void a_slow_search_times_out() {
    String workspace = searchWorkspace("searxng");
    peer.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse().withHeader("Content-Type", JSON).withBody("{}").withFixedDelay(9000)));
    String agent = agent(workspace, null, List.of());

    assertThatThrownBy(() ->
            new DirectCall(workspace, agent).run(webSearch, 1, Map.of("query", "slow"), Map.of()))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("Web search timed out");
  }

  @Test
  void rate_limited_search_is_retried_three_times_then_unavailable() {
    String workspace = searchWorkspace("searxng");
    peer.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(429)));
    String agent = agent(workspace, null, List.of());

    assertThatThrownBy(() ->
            new DirectCall(workspace, agent).run(webSearch, 1, Map.of("query", "busy"), Map.of()))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("Web search unavailable");
    peer.verify(4, getRequestedFor(urlPathEqualTo("/search")));
  }

  @Test
  void an_html_page_instead_of_json_is_an_invalid_response() {
    String workspace = searchWorkspace("searxng");
    peer.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Please solve this captcha</body></html>")));
    String agent = agent(workspace, null, List.of(step("web_search", Map.of("query", "x"))));

    JsonNode run = runWith(workspace, agent, Map.of());

    assertThat(run.get("status").asString()).isEqualTo("failed");
    assertThat(run.get("error").get("message").asString())
        .isEqualTo("Web search provider returned an invalid response");
  }

  // --- linkedin_invite ---

  private String linkedInWorkspace() {
    String workspace = freshWorkspace();
    connect(
        workspace,
        "linkedin",
        Map.of("baseUrl", peer.baseUrl() + "/v2", "accessToken", "li-token"));
    return workspace;
  }

  @Test
  void an_invitation_carries_the_resolved_note_and_bearer_token() {
    String workspace = linkedInWorkspace();
    peer.stubFor(post(urlPathEqualTo("/v2/invitations")).willReturn(aResponse().withStatus(201)));
    String agent =
        agent(
            workspace,
            null,
            List.of(
                step("linkedin_invite", Map.of("note", "Hi @contact.firstName, let's connect"))));
    Map<String, Object> john =
        contact(workspace, "John", "Doe", "john@acme.com", "https://linkedin.com/in/jdoe");

    JsonNode run = runWith(workspace, agent, Map.of("contact", john));

    assertThat(run.get("status").asString()).isEqualTo("completed");
    assertThat(run.get("summary").get("linkedinInvitesSent").asInt()).isEqualTo(1);
    peer.verify(
        postRequestedFor(urlPathEqualTo("/v2/invitations"))
            .withHeader("Authorization", equalTo("Bearer li-token"))
            .withRequestBody(
                equalToJson(
                    "{\"profileUrl\": \"https://linkedin.com/in/jdoe\", \"message\": \"Hi John, let's connect\"}")));
    assertThat(activities(workspace, id(john)))
        .containsExactly("LinkedIn invitation sent to John Doe");
  }

  @Test
  void a_contact_without_linkedin_url_is_skipped() {
    String workspace = linkedInWorkspace();
    String agent = agent(workspace, null, List.of());

    ActionResult result =
        new DirectCall(workspace, agent)
            .run(
                linkedIn,
                1,
                Map.of(),
                Map.of("contact", contact(workspace, "Jane", "Roe", "j@acme.com", null)));

    assertThat(result)
        .isEqualTo(
            new ActionResult.Skipped("Contact Jane Roe does not have LinkedIn URL. Skipping."));
  }

  @Test
  void an_expired_token_fails_and_tells_the_owners() {
    String workspace = linkedInWorkspace();
    peer.stubFor(post(urlPathEqualTo("/v2/invitations")).willReturn(aResponse().withStatus(401)));
    String agent = agent(workspace, null, List.of());

    assertThatThrownBy(() ->
            new DirectCall(workspace, agent)
                .run(
                    linkedIn,
                    1,
                    Map.of(),
                    Map.of(
                        "contact",
                        contact(workspace, "J", "D", "j@acme.com", "https://linkedin.com/in/j"))))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("LinkedIn integration disconnected. Reconnect to continue.");
    assertThat(notifications(workspace))
        .contains("LinkedIn integration disconnected. Reconnect to continue.");
  }

  @Test
  void linkedin_429_is_the_daily_limit_and_pauses_the_agent() {
    String workspace = linkedInWorkspace();
    peer.stubFor(post(urlPathEqualTo("/v2/invitations")).willReturn(aResponse().withStatus(429)));
    String agent = agent(workspace, null, List.of());

    assertThatThrownBy(() ->
            new DirectCall(workspace, agent)
                .run(
                    linkedIn,
                    1,
                    Map.of(),
                    Map.of(
                        "contact",
                        contact(workspace, "J", "D", "j@acme.com", "https://linkedin.com/in/j"))))
        .hasMessage("LinkedIn daily limit reached (100 invitations/day)");
    assertThat(agentStatus(workspace, agent)).isEqualTo("paused");
  }

  @Test
  void the_101st_invitation_of_a_user_in_a_day_is_not_sent() {
    String workspace = linkedInWorkspace();
    peer.stubFor(post(urlPathEqualTo("/v2/invitations")).willReturn(aResponse().withStatus(201)));
    String agent = agent(workspace, null, List.of());
    UUID creator =
        jdbc.queryForObject(
            "select created_by from agents where id = ?", UUID.class, UUID.fromString(agent));
    for (int i = 0; i < 100; i++) {
      jdbc.update(
          """
          insert into linkedin_invitations (execution_id, step, contact_key, workspace_id,
          agent_id, user_id, recipient, status, claimed_at) values (?, 1, ?, ?, ?, ?, ?, 'sent', ?)\
          """,
          UUID.randomUUID(),
          "c" + i,
          UUID.fromString(workspace),
          UUID.randomUUID(),
          creator,
          "https://linkedin.com/in/c" + i,
          java.time.OffsetDateTime.now(clock));
    }

    assertThatThrownBy(() ->
            new DirectCall(workspace, agent)
                .run(
                    linkedIn,
                    1,
                    Map.of(),
                    Map.of(
                        "contact",
                        contact(workspace, "J", "D", "j@acme.com", "https://linkedin.com/in/j"))))
        .hasMessage("LinkedIn daily limit reached (100 invitations/day)");
    peer.verify(0, postRequestedFor(urlPathEqualTo("/v2/invitations")));
    assertThat(agentStatus(workspace, agent)).isEqualTo("paused");
    assertThat(notifications(workspace))
        .contains("Agent 'Test agent' paused: LinkedIn daily limit reached (100 invitations/day)");
  }

  // --- enrich_contact ---

  private String apolloWorkspace() {
    String workspace = freshWorkspace();
    connect(
        workspace,
        "enrichment",
        Map.of("provider", "apollo", "baseUrl", peer.baseUrl(), "apiKey", "apollo-key"));
    return workspace;
  }

  @Test
  void apollo_fills_the_contact_and_records_an_activity() {
    String workspace = apolloWorkspace();
    peer.stubFor(
        post(urlPathEqualTo("/api/v1/people/match"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", JSON)
                    .withBody(
                        """
                        {"person": {"title": "CEO", "organization": {"name": "Acme Corp"},
                          "phone_numbers": [{"raw_number": "+1 555-0100", "sanitized_number": "+15550100"}],
                          "linkedin_url": "https://linkedin.com/in/jdoe", "city": "Berlin"}}\
                        """)));
    String agent = agent(workspace, null, List.of(step("enrich_contact", Map.of())));
    Map<String, Object> john = contact(workspace, "John", "Doe", "john@acme.com", null);

    JsonNode run = runWith(workspace, agent, Map.of("contact", john));

    assertThat(run.get("status").asString()).isEqualTo("completed");
    assertThat(run.get("summary").get("contactsEnriched").asInt()).isEqualTo(1);
    peer.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/people/match"))
            .withHeader("X-Api-Key", equalTo("apollo-key"))
            .withRequestBody(equalToJson("{\"email\": \"john@acme.com\"}")));
    // Every field Apollo found landed on the contact; the company was created and linked.
    JsonNode stored = storedContact(workspace, id(john));
    assertThat(stored.get("title").asString()).isEqualTo("CEO");
    assertThat(stored.get("phone").asString()).isEqualTo("+15550100");
    assertThat(stored.get("linkedinUrl").asString()).isEqualTo("https://linkedin.com/in/jdoe");
    assertThat(stored.get("city").asString()).isEqualTo("Berlin");
    assertThat(storedCompany(workspace, stored.get("companyId").asString()).get("name").asString())
        .isEqualTo("Acme Corp");
    assertThat(activities(workspace, id(john))).containsExactly("Enriched by Apollo");
    assertThat(logLines(workspace, run))
        .contains("Enriched john@acme.com: title, phone, linkedinUrl, city, companyId");
  }

  @Test
  void apollo_only_fills_what_the_contact_lacks() {
    String workspace = apolloWorkspace();
    peer.stubFor(
        post(urlPathEqualTo("/api/v1/people/match"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", JSON)
                    .withBody(
                        """
                        {"person": {"title": "CEO", "organization": {"name": "Acme Corp"},
                          "phone_numbers": [{"sanitized_number": "+15550100"}], "city": "Berlin"}}\
                        """)));
    String agent = agent(workspace, null, List.of());
    String globex = id(company(workspace, "Globex"));
    Map<String, Object> ana =
        contact(
            workspace,
            Map.of(
                "firstName", "Ana",
                "lastName", "Lima",
                "email", "ana@globex.io",
                "title", "Founder",
                "companyId", globex));

    ActionResult result =
        new DirectCall(workspace, agent).run(enrich, 1, Map.of(), Map.of("contact", ana));

    assertThat(((ActionResult.Done) result).output().get("changed"))
        .isEqualTo(Map.of("phone", "+15550100", "city", "Berlin"));
    JsonNode stored = storedContact(workspace, id(ana));
    assertThat(stored.get("title").asString()).isEqualTo("Founder");
    assertThat(stored.get("companyId").asString()).isEqualTo(globex);
    assertThat(stored.get("phone").asString()).isEqualTo("+15550100");
    assertThat(stored.get("city").asString()).isEqualTo("Berlin");
    assertThat(activities(workspace, id(ana))).containsExactly("Enriched by Apollo");
  }

  @Test
  void apollo_knowing_nobody_skips_with_a_warning() {
    String workspace = apolloWorkspace();
    peer.stubFor(
        post(urlPathEqualTo("/api/v1/people/match"))
            .willReturn(
                aResponse().withHeader("Content-Type", JSON).withBody("{\"person\": null}")));
    String agent = agent(workspace, null, List.of());

    ActionResult result =
        new DirectCall(workspace, agent)
            .run(
                enrich,
                1,
                Map.of(),
                Map.of("contact", contact(workspace, "J", "D", "nobody@acme.com", null)));

    assertThat(result)
        .isEqualTo(new ActionResult.Skipped("Enrichment returned no data for nobody@acme.com"));
  }

  @Test
  void apollo_rate_limit_fails_and_pauses_the_agent() {
    String workspace = apolloWorkspace();
    peer.stubFor(
        post(urlPathEqualTo("/api/v1/people/match")).willReturn(aResponse().withStatus(429)));
    String agent = agent(workspace, null, List.of());

    assertThatThrownBy(() ->
            new DirectCall(workspace, agent)
                .run(
                    enrich,
                    1,
                    Map.of(),
                    Map.of("contact", contact(workspace, "J", "D", "j@acme.com", null))))
        .isInstanceOf(ActionFailure.class)
        .hasMessage("Enrichment rate limit reached");
    assertThat(agentStatus(workspace, agent)).isEqualTo("paused");
    assertThat(notifications(workspace))
        .contains("Agent 'Test agent' paused: Enrichment rate limit reached");
  }
}
