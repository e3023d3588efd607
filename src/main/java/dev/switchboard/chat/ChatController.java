package dev.switchboard.chat;

import dev.switchboard.api.ApiResponse;
import dev.switchboard.workorder.IdempotentRequests;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/workspaces/{ws}/chat")
class ChatController {

  record ChatRequest(String text, String clientMessageId) {}

  private final Chat chat;
  private final WorkspaceAccess access;

  ChatController(Chat chat, WorkspaceAccess access) {
    this.chat = chat;
    this.access = access;
  }

  /** A repeated {@code clientMessageId} counts as the same Idempotency-Key. */
  @PostMapping
  ResponseEntity<Object> post(
      Caller caller,
      @PathVariable UUID ws,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody ChatRequest body) {
    Membership by = access.member(caller, ws);
    IdempotentRequests.Answer answer =
        chat.answerOnce(by, key, body.clientMessageId(), body.text());
    return ResponseEntity.status(answer.status()).body(answer.body());
  }

  @GetMapping
  Map<String, Object> history(
      Caller caller, @PathVariable UUID ws, @RequestParam(required = false) Long before) {
    access.member(caller, ws);
    return ApiResponse.ok(chat.history(ws, before));
  }
}
