package dev.switchboard.workspace;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthController {

  record Login(String email, String password) {}

  private final Accounts accounts;

  AuthController(Accounts accounts) {
    this.accounts = accounts;
  }

  @PostMapping("/api/auth/login")
  Map<String, Object> login(@RequestBody Login login) {
    Caller caller =
        accounts
            .authenticate(login.email(), login.password())
            .orElseThrow(() ->
                new ApiException(
                    HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "Wrong email or password"));
    return ApiResponse.ok(
        Map.of(
            "token",
            accounts.issueToken(caller.userId()),
            "user",
            Map.of("id", caller.userId(), "email", caller.email(), "name", caller.name())));
  }
}
