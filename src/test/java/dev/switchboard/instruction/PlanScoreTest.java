package dev.switchboard.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanScoreTest {

  private static Map<String, Object> plan(Object... steps) {
    return Map.of("steps", List.of(steps));
  }

  private static Map<String, Object> step(String type, Map<String, Object> params) {
    return Map.of("type", type, "params", params);
  }

  @Test
  void strings_compare_case_insensitively_after_trimming_and_collapsing_spaces() {
    assertThat(
            PlanScore.same(
                plan(step("send_email", Map.of("template", "Outbound  v2 "))),
                plan(step("send_email", Map.of("template", "outbound v2")))))
        .isTrue();
  }

  @Test
  void numbers_compare_numerically_and_tags_as_sets() {
    assertThat(
            PlanScore.same(
                plan(step("add_tag", Map.of("tags", List.of("A", "B")))),
                plan(step("add_tag", Map.of("tags", List.of("b", "a"))))))
        .isTrue();
    assertThat(
            PlanScore.same(
                plan(step("create_task", Map.of("title", "x", "dueInDays", 2))),
                plan(step("create_task", Map.of("title", "x", "dueInDays", 2.0)))))
        .isTrue();
  }

  @Test
  void omitted_optional_params_equal_their_defaults() {
    assertThat(
            PlanScore.same(
                plan(step("enrich_contact", Map.of())),
                plan(step("enrich_contact", Map.of("provider", "apollo")))))
        .isTrue();
    assertThat(
            PlanScore.same(
                plan(step("web_search", Map.of("query", "q"))),
                plan(step("web_search", Map.of("query", "q", "maxResults", 3)))))
        .isFalse();
  }

  @Test
  void step_order_matters() {
    Object wait = step("wait", Map.of("duration", "P1D"));
    Object tag = step("add_tag", Map.of("tags", List.of("A")));

    assertThat(PlanScore.same(plan(wait, tag), plan(tag, wait))).isFalse();
  }
}
