package dev.switchboard.instruction;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.plan.PlanJson;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Previews what instructions compile to, as the user types. */
@RestController
class InstructionController {

  record ParseRequest(String instructions) {}

  /**
   * Instructions longer than this are no preview request (the parser reads at most {@link
   * BuiltInParser#MAX_LENGTH} characters and says so with 422); they are refused with 413 unread.
   */
  static final int MAX_PREVIEW_LENGTH = 1_000_000;

  private final InstructionParser parser;
  private final WorkspaceAccess access;

  InstructionController(InstructionParser parser, WorkspaceAccess access) {
    this.parser = parser;
    this.access = access;
  }

  @PostMapping("/api/workspaces/{ws}/instructions/parse")
  Map<String, Object> parse(Caller caller, @PathVariable UUID ws, @RequestBody ParseRequest body) {
    access.member(caller, ws);
    if (body.instructions() == null) {
      throw ApiException.invalid("instructions", "instructions is required");
    }
    if (body.instructions().length() > MAX_PREVIEW_LENGTH) {
      throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "PAYLOAD_TOO_LARGE",
          "instructions is longer than " + MAX_PREVIEW_LENGTH + " characters",
          Map.of("field", "instructions"));
    }
    return switch (parser.parse(body.instructions())) {
      case ParseResult.Parsed parsed ->
          ApiResponse.ok(
              Map.of("plan", PlanJson.write(parsed.plan()), "warnings", parsed.warnings()));
      case ParseResult.Unparseable unparseable ->
          throw new UnparseableInstructionsException(unparseable.details());
    };
  }
}
