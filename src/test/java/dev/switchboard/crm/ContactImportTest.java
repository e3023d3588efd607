package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Api;
import dev.switchboard.support.SwitchboardTestBase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("db")
class ContactImportTest extends SwitchboardTestBase {

  String base;

  @BeforeEach
  void freshWorkspace() {
    ws = owner.createWorkspace("Import " + System.nanoTime());
    base = "/api/workspaces/" + ws;
  }

  Api.Response upload(byte[] csv) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + base + "/contacts/import"))
                    .header("Authorization", "Bearer " + owner.token())
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new Api.Response(r.statusCode(), r.body());
  }

  /** Uploads and waits for the job to finish. */
  JsonNode imported(byte[] csv) throws Exception {
    Api.Response r = upload(csv);
    assertThat(r.status()).isIn(200, 202);
    String job = r.data().get("jobId").asString();
    return await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> owner.get(base + "/contacts/import/" + job).expect(200).data(),
            d -> !d.get("status").asString().equals("running"));
  }

  @Test
  void headers_map_companies_are_linked_tags_split_and_bad_rows_reported() throws Exception {
    String csv =
        "First Name,last_name,Email,Title,Company,Tags\r\n"
            + "John,Doe,john@acme.com,CEO,Acme Corp,vip;lead\r\n"
            + "Mary,\"Major, Jr.\",mary@acme.com,\"Head of \"\"Sales\"\"\",acme corp,lead\r\n"
            + "Bad,Row,not-an-email,CTO,,\n"
            + "Dup,Row,JOHN@acme.com,CTO,,\n"
            + ",,,,,\n"
            + "\"Multi\nLine\",Name,multi@x.io,Dev,,\n";
    JsonNode result = imported(csv.getBytes(StandardCharsets.UTF_8));

    assertThat(result.get("status").asString()).isEqualTo("completed");
    assertThat(result.get("imported").asInt()).isEqualTo(3);
    assertThat(result.get("skipped").asInt()).isEqualTo(3);
    List<String> errors = new ArrayList<>();
    result
        .get("errors")
        .forEach(e -> errors.add(e.get("row").asInt() + ": " + e.get("message").asString()));
    assertThat(errors)
        .containsExactly(
            "4: Invalid email address: not-an-email",
            "5: Duplicate email in file: JOHN@acme.com (first in row 2)",
            "6: Missing email");
    assertThat(owner.get(base + "/companies").data()).hasSize(1);
    JsonNode mary = owner.get(base + "/contacts?search=mary").data().get("items").get(0);
    assertThat(mary.get("lastName").asString()).isEqualTo("Major, Jr.");
    assertThat(mary.get("title").asString()).isEqualTo("Head of \"Sales\"");
    assertThat(mary.get("companyId").isNull()).isFalse();
    assertThat(owner.get(base + "/contacts?tag=lead").data().get("total").asInt()).isEqualTo(2);
    assertThat(
            owner
                .get(base + "/contacts?search=multi")
                .data()
                .get("items")
                .get(0)
                .get("firstName")
                .asString())
        .isEqualTo("Multi\nLine");

    JsonNode again =
        imported("email\njohn@acme.com\nnew@acme.com\n".getBytes(StandardCharsets.UTF_8));
    assertThat(again.get("imported").asInt()).isEqualTo(1);
    assertThat(again.get("errors").get(0).get("message").asString())
        .isEqualTo("Email already exists: john@acme.com");
  }

  @Test
  void a_missing_email_column_is_refused_before_any_row() throws Exception {
    Api.Response r = upload("firstName,title\nJohn,CEO\n".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().get("field").asString()).isEqualTo("file");
    assertThat(r.error().get("message").asString()).isEqualTo("Missing required column: email");
    assertThat(owner.get(base + "/contacts").data().get("total").asInt()).isZero();
  }

  @Test
  void bytes_that_are_not_utf8_skip_their_row_only() throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes("firstName,email\nJos".getBytes(StandardCharsets.UTF_8));
    csv.write(0xE9); // "é" in Latin-1: not UTF-8
    csv.writeBytes(",jose@x.io\nAnn,ann@x.io\n".getBytes(StandardCharsets.UTF_8));

    JsonNode result = imported(csv.toByteArray());

    assertThat(result.get("imported").asInt()).isEqualTo(1);
    assertThat(result.get("skipped").asInt()).isEqualTo(1);
    assertThat(result.get("errors").get(0).get("row").asInt()).isEqualTo(2);
    assertThat(result.get("errors").get(0).get("message").asString()).contains("not UTF-8");
  }

  @Test
  void fifty_thousand_rows_stream_through_in_batches() throws Exception {
    StringBuilder csv = new StringBuilder("first_name,last_name,email,title,tags\n");
    for (int i = 0; i < 50_000; i++) {
      csv.append("First")
          .append(i)
          .append(",Last")
          .append(i)
          .append(",person")
          .append(i)
          .append("@bulk.io,")
          .append(i % 10 == 0 ? "CEO" : "Engineer")
          .append(",bulk\n");
    }
    csv.append("Broken,Row,broken,CEO,\n");
    long started = System.nanoTime();

    JsonNode result = imported(csv.toString().getBytes(StandardCharsets.UTF_8));

    System.out.printf("Imported 50,000 rows in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(result.get("status").asString()).isEqualTo("completed");
    assertThat(result.get("processed").asInt()).isEqualTo(50_001);
    assertThat(result.get("imported").asInt()).isEqualTo(50_000);
    assertThat(result.get("skipped").asInt()).isEqualTo(1);
    assertThat(owner.get(base + "/contacts").data().get("total").asInt()).isEqualTo(50_000);
    assertThat(owner.get(base + "/contacts?tag=bulk").data().get("total").asInt())
        .isEqualTo(50_000);
  }
}
