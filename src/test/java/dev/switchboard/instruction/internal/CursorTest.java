package dev.switchboard.instruction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void a_skip_made_in_a_reading_that_is_given_up_is_undone_with_it() {
    String text = "We love it. Our team is small. Send it.";
    Cursor c = new Cursor(text, Tokenizer.tokenize(text));
    c.skip(0, 3); // "We love it"
    c.reset(4);
    int mark = c.mark();
    c.skip(4, 8); // "Our team is small", then given up
    c.reset(mark);
    assertThat(c.skipped()).containsExactly("We love it");
    c.reset(4);
    c.skip(4, 8);
    c.reset(9); // moving on keeps it
    assertThat(c.skipped()).containsExactly("We love it", "Our team is small");
  }
}
