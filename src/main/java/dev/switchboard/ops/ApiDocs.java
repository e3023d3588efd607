package dev.switchboard.ops;

import dev.switchboard.workspace.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api}: springdoc reads the controllers; this adds what they all
 * share instead of annotating each one: the bearer token, and the SPEC's error envelope for every
 * refusal an endpoint can answer.
 */
@Configuration
class ApiDocs {

  static {
    // The signed-in caller is resolved from the token, never sent as a parameter.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  static final String ERROR = "ErrorEnvelope";
  private static final String BEARER = "bearer";

  /** The refusals of SPEC "Errors"; any endpoint may answer them. */
  static final Map<String, String> ERRORS = errors();

  private static Map<String, String> errors() {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("400", "Bad input: error.field names the field (BAD_REQUEST, VALIDATION_ERROR)");
    errors.put("401", "Not signed in: missing, invalid or expired token (UNAUTHORIZED)");
    errors.put("403", "Signed in but not allowed (FORBIDDEN and the SPEC's specific codes)");
    errors.put("404", "No such resource in a workspace of the caller (NOT_FOUND)");
    errors.put("409", "Conflicts with the current state, e.g. ALREADY_RUNNING");
    errors.put("422", "Understood but cannot be done, e.g. AGENT_NOT_RUNNABLE");
    errors.put("429", "Too many requests or runs (RATE_LIMITED)");
    return errors;
  }

  @Bean
  OpenApiCustomizer sharedErrorsAndAuth() {
    return openApi -> {
      openApi.info(
          new Info()
              .title("Switchboard API")
              .version("v1")
              .description(
                  "Every answer is {success: true, data} or {success: false, error: {code,"
                      + " message, field}}. Sign in with POST /api/auth/login and send the token"
                      + " as Authorization: Bearer."));
      Components components =
          openApi.getComponents() == null ? new Components() : openApi.getComponents();
      openApi.components(
          components
              .addSchemas(ERROR, envelope())
              .addSecuritySchemes(
                  BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
      openApi.security(List.of(new SecurityRequirement().addList(BEARER)));
      if (openApi.getPaths() != null) {
        openApi
            .getPaths()
            .values()
            .forEach(item -> item.readOperations().forEach(ApiDocs::refusals));
      }
    };
  }

  private static void refusals(Operation operation) {
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    ERRORS.forEach((status, description) -> {
      ApiResponse response =
          new ApiResponse()
              .description(description)
              .content(
                  new Content()
                      .addMediaType(
                          "application/json",
                          new MediaType()
                              .schema(new Schema<>().$ref("#/components/schemas/" + ERROR))));
      responses.addApiResponse(status, response);
    });
    operation.responses(responses);
  }

  private static Schema<?> envelope() {
    Schema<?> error =
        new ObjectSchema()
            .addProperty("code", new StringSchema().example("VALIDATION_ERROR"))
            .addProperty("message", new StringSchema())
            .addProperty("field", new StringSchema().description("The bad field, on 400s"))
            .required(List.of("code", "message"));
    return new ObjectSchema()
        .description("SPEC \"Errors\": the answer to every refused call")
        .addProperty("success", new BooleanSchema()._enum(List.of(false)))
        .addProperty("error", error)
        .required(List.of("success", "error"));
  }
}
