package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A contact upload without a usable file is a 400 naming {@code file}. */
@Tag("db")
class ContactUploadTest extends SwitchboardTestBase {

  private Api.Response upload(String contentType, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + port + "/api/workspaces/" + ws + "/contacts/import"))
            .header("Authorization", "Bearer " + owner.token())
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<String> answer =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      return new Api.Response(answer.statusCode(), answer.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] form(String part, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--b\r\nContent-Disposition: form-data; name=\""
                + part
                + "\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void assertFileRefused(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("file");
  }

  @Test
  void a_form_without_the_file_part_names_file() {
    assertFileRefused(
        upload("multipart/form-data; boundary=b", form("attachment", "email\n".getBytes())));
  }

  @Test
  void a_form_with_no_parts_at_all_names_file() {
    assertFileRefused(upload("multipart/form-data; boundary=b", "--b--\r\n".getBytes()));
  }

  @Test
  void a_multipart_body_without_a_boundary_names_file() {
    assertFileRefused(upload("multipart/form-data", new byte[] {1, 2, 3}));
  }

  @Test
  void an_empty_file_names_file() {
    assertFileRefused(upload("multipart/form-data; boundary=b", form("file", new byte[0])));
  }

  @Test
  void a_garbage_file_names_file() {
    assertFileRefused(
        upload(
            "multipart/form-data; boundary=b",
            form("file", new byte[] {0, (byte) 0xFF, (byte) 0xFE, 7, '\n', 0, ','})));
  }

  @Test
  void a_good_file_still_imports() {
    Api.Response r =
        upload(
            "multipart/form-data; boundary=b",
            form("file", "email\nupload@acme.test\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(r.status()).as(r.body()).isIn(200, 202);
  }
}
