package dev.switchboard.workspace;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WorkspaceController {

  record NewWorkspace(String name) {}

  record NewMember(String email, String password, String role, String name) {}

  record Changes(String name, Integer retentionDays) {}

  private final Accounts accounts;
  private final WorkspaceAccess access;
  private final InstanceAdmins instanceAdmins;
  private final WorkspaceSettings settings;
  private final boolean openWorkspaces;

  WorkspaceController(
      Accounts accounts,
      WorkspaceAccess access,
      InstanceAdmins instanceAdmins,
      WorkspaceSettings settings,
      @Value("${switchboard.open-workspaces}") boolean openWorkspaces) {
    this.accounts = accounts;
    this.access = access;
    this.instanceAdmins = instanceAdmins;
    this.settings = settings;
    this.openWorkspaces = openWorkspaces;
  }

  @GetMapping("/api/workspaces")
  Map<String, Object> list(Caller caller) {
    return ApiResponse.ok(accounts.workspacesOf(caller.userId()));
  }

  @PostMapping("/api/workspaces")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(Caller caller, @RequestBody NewWorkspace body) {
    if (!openWorkspaces && !instanceAdmins.isAdmin(caller.userId())) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "WORKSPACE_CREATION_RESTRICTED",
          "Workspaces can only be created by an instance administrator"
              + " (SWITCHBOARD_OPEN_WORKSPACES=false).");
    }
    UUID id = accounts.createWorkspace(body.name(), caller.userId());
    return ApiResponse.ok(Map.of("id", id, "name", body.name().strip(), "role", "owner"));
  }

  @GetMapping("/api/workspaces/{ws}")
  Map<String, Object> get(Caller caller, @PathVariable UUID ws) {
    return view(access.member(caller, ws));
  }

  /** Owners and admins rename a workspace; only owners change how long it keeps runs. */
  @PutMapping("/api/workspaces/{ws}")
  Map<String, Object> update(Caller caller, @PathVariable UUID ws, @RequestBody Changes body) {
    Membership me = access.manager(caller, ws);
    if (body.retentionDays() != null && me.role() != Role.OWNER) {
      throw ApiException.forbidden("Only workspace owners can change retentionDays");
    }
    settings.update(ws, body.name(), body.retentionDays());
    return view(me);
  }

  private Map<String, Object> view(Membership me) {
    WorkspaceSettings.View view = settings.view(me.workspaceId());
    return ApiResponse.ok(
        Map.of(
            "id",
            view.id(),
            "name",
            view.name(),
            "role",
            me.role().wireName(),
            "retentionDays",
            view.retentionDays()));
  }

  @GetMapping("/api/workspaces/{ws}/members")
  Map<String, Object> members(Caller caller, @PathVariable UUID ws) {
    access.member(caller, ws);
    List<Map<String, Object>> members =
        access.members(ws).stream()
            .map(m ->
                Map.<String, Object>of(
                    "userId",
                    m.userId(),
                    "email",
                    m.email(),
                    "name",
                    m.name(),
                    "role",
                    m.role().wireName()))
            .toList();
    return ApiResponse.ok(members);
  }

  @PostMapping("/api/workspaces/{ws}/members")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  Map<String, Object> addMember(Caller caller, @PathVariable UUID ws, @RequestBody NewMember body) {
    Membership me = access.manager(caller, ws);
    Role role =
        Role.fromWireName(body.role() == null ? "member" : body.role())
            .orElseThrow(
                () -> ApiException.invalid("role", "Role must be owner, admin, member or viewer"));
    if (role == Role.OWNER && me.role() != Role.OWNER) {
      throw ApiException.forbidden("Only owners can add owners");
    }
    Caller user =
        accounts
            .findUser(body.email())
            .orElseGet(() -> accounts.createUser(body.email(), body.name(), body.password()));
    if (access.find(user.userId(), ws).isPresent()) {
      throw new ApiException(
          HttpStatus.CONFLICT, "ALREADY_MEMBER", "This user is already a member of the workspace");
    }
    accounts.addMembership(ws, user.userId(), role);
    return ApiResponse.ok(
        Map.of("userId", user.userId(), "email", user.email(), "role", role.wireName()));
  }
}
