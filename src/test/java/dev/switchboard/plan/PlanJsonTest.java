package dev.switchboard.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

  /** A plan read from JSON is shared by the claims of many runs: nothing in it can change. */
  @Test
  @SuppressWarnings("unchecked")
  void aReadPlanIsImmutableAllTheWayDown() {
    List<Object> tags = new ArrayList<>(List.of("vip"));
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("field", "title");
    filter.put("operator", "contains");
    filter.put("value", "CEO");
    List<Object> filters = new ArrayList<>(List.of(filter));
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("type", "search_contacts");
    search.put("params", new LinkedHashMap<>(Map.of("filters", filters)));
    Map<String, Object> tag = new LinkedHashMap<>();
    tag.put("type", "add_tag");
    tag.put("params", new LinkedHashMap<>(Map.of("tags", tags)));
    Plan plan = PlanJson.read(Map.of("steps", List.of(search, tag)));

    Step.Action searchStep = (Step.Action) plan.steps().get(0);
    Step.Action tagStep = (Step.Action) plan.steps().get(1);
    tags.add("changed later");
    filter.put("value", "changed later");
    assertThat(tagStep.params().get("tags")).isEqualTo(List.of("vip"));
    List<Map<String, Object>> read = (List<Map<String, Object>>) searchStep.params().get("filters");
    assertThat(read.getFirst()).containsEntry("value", "CEO");
    assertThatThrownBy(() -> read.getFirst().put("value", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<Object>) tagStep.params().get("tags")).add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(PlanJson.write(plan)).isEqualTo(PlanJson.write(PlanJson.read(PlanJson.write(plan))));
  }
}
