package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.SwitchboardTestBase;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

class ApiDocsTest extends SwitchboardTestBase {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void the_document_lists_every_api_endpoint_with_its_method() {
    Set<String> served = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach((info, method) -> {
          for (String path : info.getPatternValues()) {
            if (path.startsWith("/api/")) {
              info.getMethodsCondition()
                  .getMethods()
                  .forEach(m -> served.add(m.name().toLowerCase() + " " + path));
            }
          }
        });
    JsonNode doc = owner.get("/v3/api-docs").expect(200).json();
    Set<String> documented = new TreeSet<>();
    doc.get("paths")
        .properties()
        .forEach(path ->
            path.getValue()
                .properties()
                .forEach(op -> documented.add(op.getKey() + " " + path.getKey())));

    assertThat(served).isNotEmpty();
    assertThat(documented).containsAll(served);
  }

  @Test
  void every_operation_documents_the_error_envelope_for_each_refusal() {
    JsonNode doc = owner.get("/v3/api-docs").expect(200).json();
    assertThat(
            doc.at("/components/schemas/ErrorEnvelope/properties/error/properties/field")
                .isMissingNode())
        .isFalse();
    doc.get("paths")
        .properties()
        .forEach(path ->
            path.getValue()
                .properties()
                .forEach(op -> {
                  JsonNode responses = op.getValue().get("responses");
                  for (String status : ApiDocs.ERRORS.keySet()) {
                    assertThat(
                            responses
                                .at("/" + status + "/content/application~1json/schema/$ref")
                                .asString())
                        .as(op.getKey() + " " + path.getKey() + " " + status)
                        .isEqualTo("#/components/schemas/ErrorEnvelope");
                  }
                }));
  }

  @Test
  void request_bodies_carry_their_schema() {
    JsonNode doc = owner.get("/v3/api-docs").expect(200).json();
    JsonNode login =
        doc.at("/paths/~1api~1auth~1login/post/requestBody/content/application~1json/schema");
    assertThat(login.isMissingNode()).isFalse();
    assertThat(login.toString()).containsAnyOf("$ref", "properties");
  }

  @Test
  void the_signed_in_caller_is_no_parameter() {
    JsonNode doc = owner.get("/v3/api-docs").expect(200).json();
    assertThat(doc.at("/components/schemas/Caller").isMissingNode()).isTrue();
    assertThat(doc.get("paths").toString()).doesNotContain("\"name\":\"caller\"");
  }
}
