package dev.switchboard.instruction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.instruction.internal.Token.Kind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  private static List<Token> tokens(String text) {
    return Tokenizer.tokenize(text);
  }

  private static List<String> texts(String text, Kind kind) {
    return tokens(text).stream().filter(t -> t.is(kind)).map(Token::text).toList();
  }

  @Test
  void quoted_text_is_kept_exactly_with_apostrophes_inside() {
    assertThat(texts("note: 'Hi @contact.firstName, let's  connect!' now", Kind.QUOTED))
        .containsExactly("Hi @contact.firstName, let's  connect!");
  }

  @Test
  void all_quote_styles_are_understood() {
    assertThat(texts("'a' \"b\" ‘c’ “d” ‘it’s’", Kind.QUOTED))
        .containsExactly("a", "b", "c", "d", "it’s");
  }

  @Test
  void possessives_are_not_quotes() {
    List<Token> tokens = tokens("the deal's 'priority' field");

    assertThat(tokens).extracting(Token::lower).startsWith("the", "deal", "'s", "priority");
    assertThat(tokens.get(3).kind()).isEqualTo(Kind.QUOTED);
  }

  @Test
  void variables_stay_whole_and_a_full_stop_after_them_ends_the_sentence() {
    assertThat(texts("remember @search.results[0].title as @memory.newsHook.", Kind.VARIABLE))
        .containsExactly("@search.results[0].title", "@memory.newsHook");
    assertThat(tokens("loop in @user.salesRep.").get(3).kind()).isEqualTo(Kind.END);
  }

  @Test
  void a_domain_is_one_word_and_its_dot_ends_no_sentence() {
    assertThat(tokens("everyone has a globex.com address. Tag them").stream().map(Token::text))
        .containsExactly("everyone", "has", "a", "globex.com", "address", ".", "Tag", "them", "");
    assertThat(tokens("we use brightpath.io.").get(2).text()).isEqualTo("brightpath.io");
    assertThat(tokens("we use brightpath.io.").get(3).kind()).isEqualTo(Kind.END);
  }

  @Test
  void money_and_shorthands_become_numbers() {
    assertThat(
            tokens("$10,000 10K $25k $1.5M 1,234.5 48").stream()
                .filter(t -> t.is(Kind.NUMBER))
                .map(Token::number)
                .map(BigDecimal::stripTrailingZeros)
                .toList())
        .containsExactly(
            new BigDecimal("1E+4"),
            new BigDecimal("1E+4"),
            new BigDecimal("2.5E+4"),
            new BigDecimal("1.5E+6"),
            new BigDecimal("1234.5"),
            new BigDecimal("48"));
  }

  @Test
  void contractions_are_split_into_words() {
    assertThat(tokens("isn't doesn't can't won't they're").stream().map(Token::lower).toList())
        .containsExactly(
            "is", "not", "does", "not", "can", "not", "will", "not", "they", "are", "");
  }

  @Test
  void qualified_fields_emails_and_operators_are_single_tokens() {
    List<Token> tokens = tokens("contact.opened_email != true, to sales@acme.com.");

    assertThat(tokens)
        .extracting(Token::kind)
        .containsExactly(
            Kind.PATH,
            Kind.OPERATOR,
            Kind.WORD,
            Kind.COMMA,
            Kind.WORD,
            Kind.EMAIL,
            Kind.END,
            Kind.EOF);
  }

  @Test
  void list_markers_are_recognised_at_line_starts_and_in_parentheses() {
    assertThat(texts("1. a\n- b\n• c\nStep 4: d then: (5) e", Kind.LIST_MARKER))
        .containsExactly("1.", "-", "•", "Step 4:", "(5)");
  }

  @Test
  void offsets_point_into_the_original_text() {
    String text = "Add tag “VIP”";
    Token quoted = tokens(text).get(2);

    assertThat(text.substring(quoted.start(), quoted.end())).isEqualTo("“VIP”");
  }

  @Test
  void an_unclosed_quote_fails_with_its_position() {
    assertThatThrownBy(() -> tokens("tag 'Hot"))
        .isInstanceOf(ParseFailure.class)
        .satisfies(e -> assertThat(((ParseFailure) e).start()).isEqualTo(4));
  }

  @Test
  void emoji_outside_quotes_are_dropped() {
    assertThat(tokens("🔥 wait 👍 2 days").stream().map(Token::lower).toList())
        .containsExactly("wait", "2", "days", "");
  }
}
