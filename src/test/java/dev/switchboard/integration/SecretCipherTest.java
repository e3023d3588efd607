package dev.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void a_configured_key_opens_what_it_sealed_and_writes_no_key_file(@TempDir Path dir) {
    SecretCipher cipher = new SecretCipher(KEY, dir.toString());

    String sealed = cipher.encrypt("top-secret", "ws/email");

    assertThat(sealed).startsWith("v1:").doesNotContain("top-secret");
    assertThat(cipher.decrypt(sealed, "ws/email")).isEqualTo("top-secret");
    assertThat(dir.resolve("secret.key")).doesNotExist();
  }

  @Test
  void a_sealed_value_moved_to_another_row_or_another_key_does_not_open(@TempDir Path dir) {
    SecretCipher cipher = new SecretCipher(KEY, dir.toString());
    SecretCipher other =
        new SecretCipher(Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'), "x");
    String sealed = cipher.encrypt("top-secret", "ws-a/email");

    assertThatThrownBy(() -> cipher.decrypt(sealed, "ws-b/email"))
        .hasMessageNotContaining("top-secret");
    assertThatThrownBy(() -> other.decrypt(sealed, "ws-a/email"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void without_a_configured_key_one_is_generated_once_and_reused(@TempDir Path dir)
      throws Exception {
    SecretCipher first = new SecretCipher("", dir.toString());
    String key = Files.readString(dir.resolve("secret.key"));
    SecretCipher second = new SecretCipher("", dir.toString());

    assertThat(Base64.getDecoder().decode(key.strip())).hasSize(32);
    assertThat(second.decrypt(first.encrypt("v", "c"), "c")).isEqualTo("v");
  }

  @Test
  void a_key_of_the_wrong_size_is_refused() {
    assertThatThrownBy(() -> new SecretCipher("c2hvcnQ=", "x")).hasMessageContaining("32 bytes");
  }
}
