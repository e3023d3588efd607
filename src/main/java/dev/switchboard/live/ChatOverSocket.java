package dev.switchboard.live;

import dev.switchboard.api.ApiException;
import dev.switchboard.chat.Chat;
import dev.switchboard.workorder.IdempotentRequests;
import dev.switchboard.workspace.Membership;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The WebSocket form of the chat: {@code chat} in, {@code chat:reply} out (the answer {@code POST
 * /chat} gives, under the same key, so a redelivered {@code clientMessageId} gets its first reply
 * and creates nothing), then {@code chat:update} as the work order a {@code /task} started moves.
 */
@Component
class ChatOverSocket {

  static final int MAX_CLIENT_MESSAGE_ID = 100;

  private final Chat chat;
  private final WorkspaceAccess access;
  private final ChatFollows follows;
  private final LiveJson json;

  ChatOverSocket(Chat chat, WorkspaceAccess access, ChatFollows follows, LiveJson json) {
    this.chat = chat;
    this.access = access;
    this.follows = follows;
    this.json = json;
  }

  void handle(LiveSession session, JsonNode message) {
    JsonNode idNode = message.path("clientMessageId");
    String clientMessageId = idNode.isString() ? idNode.stringValue() : null;
    String echo =
        clientMessageId != null && clientMessageId.length() <= MAX_CLIENT_MESSAGE_ID
            ? clientMessageId
            : null;
    if (clientMessageId != null && echo == null) {
      session.send(
          json.chatError(
              "VALIDATION_ERROR",
              "clientMessageId",
              null,
              "clientMessageId must be at most " + MAX_CLIENT_MESSAGE_ID + " characters"));
      return;
    }
    Optional<UUID> workspaceId = uuid(message.path("workspaceId"));
    if (workspaceId.isEmpty()) {
      session.send(
          json.chatError("VALIDATION_ERROR", "workspaceId", echo, "workspaceId must be a UUID"));
      return;
    }
    Optional<Membership> member = access.find(session.caller().userId(), workspaceId.get());
    if (member.isEmpty()) {
      session.send(json.chatError("FORBIDDEN", null, echo, "Not a workspace you belong to"));
      return;
    }
    JsonNode textNode = message.path("text");
    if (!textNode.isString()) {
      session.send(json.chatError("VALIDATION_ERROR", "text", echo, "text is required"));
      return;
    }
    Membership by = member.get();
    IdempotentRequests.Answer answer;
    try {
      answer = chat.answerOnce(by, null, clientMessageId, textNode.stringValue());
    } catch (ApiException refused) {
      Object field = refused.extras().get("field");
      session.send(
          json.chatError(
              refused.code(), field == null ? null : field.toString(), echo, refused.getMessage()));
      return;
    }
    JsonNode body = json.tree(answer.body());
    if (!body.path("success").asBoolean(false)) {
      // A refusal replayed from the first delivery of this message.
      JsonNode error = body.path("error");
      session.send(
          json.chatError(
              error.path("code").asString(),
              error.path("field").asString(null),
              echo,
              error.path("message").asString()));
      return;
    }
    JsonNode data = body.path("data");
    session.send(json.chatReply(by.workspaceId(), echo, data));
    uuid(data.path("workOrder").path("id"))
        .ifPresent(workOrderId ->
            follows.follow(session, by.workspaceId(), echo, workOrderId, data.path("execution")));
  }

  private static Optional<UUID> uuid(JsonNode node) {
    if (!node.isString() || node.stringValue().length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(node.stringValue()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
