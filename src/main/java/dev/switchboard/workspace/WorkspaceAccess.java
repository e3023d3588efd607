package dev.switchboard.workspace;

import dev.switchboard.api.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one gate every workspace-scoped call goes through: a caller who is not a member sees the
 * workspace as missing (404), never as forbidden, so ids of other workspaces reveal nothing.
 */
@Service
public class WorkspaceAccess {

  private final JdbcClient jdbc;

  private record Key(UUID userId, UUID workspaceId) {}

  /** Memberships read in the last {@link RecentLookups#KEPT}; a removal forgets one at once. */
  private final RecentLookups<Key, Membership> recent;

  WorkspaceAccess(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.recent = new RecentLookups<>(clock);
  }

  /** The caller's membership of {@code workspaceId}, or 404. */
  public Membership member(Caller caller, UUID workspaceId) {
    return find(caller.userId(), workspaceId).orElseThrow(() -> ApiException.notFound("Workspace"));
  }

  /** Like {@link #member} but refuses viewers (403). */
  public Membership writer(Caller caller, UUID workspaceId) {
    Membership membership = member(caller, workspaceId);
    if (!membership.role().canWrite()) {
      throw ApiException.forbidden("Viewers cannot change anything in this workspace");
    }
    return membership;
  }

  /** Like {@link #member} but only for owners and admins (403 otherwise). */
  public Membership manager(Caller caller, UUID workspaceId) {
    Membership membership = member(caller, workspaceId);
    if (!membership.role().canManage()) {
      throw ApiException.forbidden("Only workspace owners and admins can do this");
    }
    return membership;
  }

  /** Whether the user owns or administers some workspace: the bar for the operator surface. */
  public boolean managesAny(UUID userId) {
    return jdbc.sql("select count(*) from members where user_id = ? and role in ('owner', 'admin')")
            .param(userId)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * The user's membership of the workspace, read at most {@link RecentLookups#KEPT} ago: on this
   * node a removal takes effect at once ({@link #forget}); another node's removal within that time.
   */
  public Optional<Membership> find(UUID userId, UUID workspaceId) {
    return recent.get(new Key(userId, workspaceId), () -> read(userId, workspaceId));
  }

  /** The membership ended or changed: the next look reads it again. */
  void forget(UUID userId, UUID workspaceId) {
    recent.forget(new Key(userId, workspaceId));
  }

  private Optional<Membership> read(UUID userId, UUID workspaceId) {
    return jdbc.sql(
            """
            select m.workspace_id, m.user_id, u.email, m.role from members m
            join users u on u.id = m.user_id where m.user_id = ? and m.workspace_id = ?\
            """)
        .params(userId, workspaceId)
        .query((rs, i) ->
            new Membership(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                Role.fromWireName(rs.getString(4)).orElseThrow()))
        .optional();
  }

  /** Members of a workspace, owners first. */
  public List<Member> members(UUID workspaceId) {
    return jdbc.sql(
            """
            select u.id, u.email, u.name, m.role from members m join users u on u.id = m.user_id
            where m.workspace_id = ? order by m.created_at\
            """)
        .param(workspaceId)
        .query((rs, i) ->
            new Member(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                Role.fromWireName(rs.getString(4)).orElseThrow()))
        .list();
  }

  /** The workspace's owners, who hear about auto-pauses and limits. */
  public List<Member> owners(UUID workspaceId) {
    return members(workspaceId).stream().filter(m -> m.role() == Role.OWNER).toList();
  }
}
