package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers beyond what a field or column can hold are a 400 naming the field, never a 500. */
@Tag("db")
class NumberRangeTest extends SwitchboardTestBase {

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775808", "1e40", "1e308", "-1e308", "10000000000000000"})
  void a_deal_value_beyond_its_column_is_a_400_naming_value(String value) {
    Api.Response r =
        owner.postRaw(
            "/api/workspaces/" + ws + "/deals", "{\"name\":\"D\",\"value\":" + value + "}");

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("value");
  }

  @Test
  void a_deal_value_with_sixteen_digits_is_kept() {
    Api.Response r =
        owner.postRaw(
            "/api/workspaces/" + ws + "/deals", "{\"name\":\"D\",\"value\":9999999999999998}");

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(new BigDecimal(r.data().get("value").asString()))
        .isEqualByComparingTo(new BigDecimal("9999999999999998"));
  }

  @Test
  void a_custom_number_beyond_its_column_is_a_400_naming_it() {
    Api.Response created =
        owner.post(
            "/api/workspaces/" + ws + "/custom-fields",
            Map.of("entity", "contact", "name", "bigNumber", "type", "number"));
    assertThat(created.status()).as(created.body()).isIn(201, 409);

    Api.Response r =
        owner.postRaw(
            "/api/workspaces/" + ws + "/contacts",
            "{\"email\":\"big@acme.test\",\"customFields\":{\"bigNumber\":1e40}}");

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("customFields.bigNumber");
  }

  @Test
  void a_restriction_beyond_an_int_names_the_nested_field() {
    Api.Response r =
        owner.postRaw(
            "/api/workspaces/" + ws + "/agents",
            "{\"name\":\"A\",\"restrictions\":{\"maxExecutionsPerMinute\":2147483648}}");

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("restrictions.maxExecutionsPerMinute");
    assertThat(r.error().get("message").asString()).doesNotContain("Malformed JSON");
  }

  @Test
  void the_last_possible_contact_page_is_an_empty_page() {
    Api.Response r = owner.get("/api/workspaces/" + ws + "/contacts?page=2147483647");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.data().get("items").size()).isZero();
  }

  @Test
  void a_history_page_beyond_the_last_is_a_400_naming_page() {
    Api.Response r = owner.get("/api/workspaces/" + ws + "/executions?page=2147483647");

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("page");
  }

  @Test
  void a_page_beyond_an_int_is_a_400_naming_page() {
    Api.Response r = owner.get("/api/workspaces/" + ws + "/contacts?page=9223372036854775808");

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("page");
  }

  @Test
  void a_huge_log_page_size_is_capped() {
    String agent =
        dev.switchboard.support.AgentBuilder.anAgent()
            .live()
            .withSteps(Api.step("remember", Map.of("key", "a", "value", "b")))
            .createIn(owner, ws);
    String run =
        owner
            .post("/api/workspaces/" + ws + "/agents/" + agent + "/trigger", null)
            .data()
            .get("executionId")
            .asString();

    Api.Response r =
        owner.get("/api/workspaces/" + ws + "/executions/" + run + "/logs?limit=2147483647");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
