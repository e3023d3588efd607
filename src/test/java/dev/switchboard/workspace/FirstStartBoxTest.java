package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirstStartBoxTest {

  @Test
  void the_ready_box_frames_every_line_at_one_width() {
    String box = FirstStart.box(List.of("Switchboard is ready: http://localhost:8080/", "Sign in"));

    List<String> lines = box.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
    assertThat(lines.get(1)).isEqualTo("  |  Switchboard is ready: http://localhost:8080/  |");
    assertThat(lines.get(2)).startsWith("  |  Sign in ").endsWith("  |");
    assertThat(lines.get(3)).isEqualTo(lines.get(0)).matches("  \\+-+\\+");
  }
}
