package dev.switchboard.workspace;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.sql.AfterCommit;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/workspaces/{ws}/members/{userId}}: owners and admins remove members, admins
 * never an owner, and nobody the last owner. The removed user's token and session stop reaching the
 * workspace at once (every call checks membership), and {@link MembershipChanged} ends their open
 * subscriptions.
 */
@RestController
class MemberRemoval {

  private final WorkspaceAccess access;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  MemberRemoval(WorkspaceAccess access, JdbcClient jdbc, ApplicationEventPublisher events) {
    this.access = access;
    this.jdbc = jdbc;
    this.events = events;
  }

  @DeleteMapping("/api/workspaces/{ws}/members/{userId}")
  @Transactional
  Map<String, Object> remove(Caller caller, @PathVariable UUID ws, @PathVariable UUID userId) {
    Membership me = access.manager(caller, ws);
    // One membership change at a time per workspace: two owners removing each other at once
    // must not both see "another owner is left".
    jdbc.sql("select id from workspaces where id = ? for update").param(ws).query().listOfRows();
    Membership target = access.find(userId, ws).orElseThrow(() -> ApiException.notFound("Member"));
    if (target.role() == Role.OWNER) {
      if (me.role() != Role.OWNER) {
        throw ApiException.forbidden("Only owners can remove an owner");
      }
      if (access.owners(ws).size() == 1) {
        throw new ApiException(
            HttpStatus.CONFLICT,
            "LAST_OWNER",
            "A workspace needs an owner: make another member owner before removing the last one");
      }
    }
    jdbc.sql("delete from members where workspace_id = ? and user_id = ?")
        .params(ws, userId)
        .update();
    // Forgotten now and again once committed: a look between the two read the row still there.
    access.forget(userId, ws);
    AfterCommit.run(() -> access.forget(userId, ws));
    events.publishEvent(new MembershipChanged(ws, userId));
    return ApiResponse.ok(
        Map.of("userId", userId, "email", target.email(), "role", target.role().wireName()));
  }
}
