package dev.switchboard.workspace;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthController {

  record Login(String email, String password) {}

  private final Accounts accounts;
  private final SignIn signIn;

  AuthController(Accounts accounts, SignIn signIn) {
    this.accounts = accounts;
    this.signIn = signIn;
  }

  @PostMapping("/api/auth/login")
  ResponseEntity<Map<String, Object>> login(@RequestBody Login login, HttpServletRequest request) {
    return switch (signIn.attempt(login.email(), login.password(), request.getRemoteAddr())) {
      case SignIn.Outcome.Success(Caller caller) ->
          ResponseEntity.ok(
              ApiResponse.ok(
                  Map.of(
                      "token",
                      accounts.issueToken(caller.userId()),
                      "user",
                      Map.of(
                          "id", caller.userId(), "email", caller.email(), "name", caller.name()))));
      case SignIn.Outcome.Refused() ->
          throw new ApiException(
              HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "Wrong email or password");
      case SignIn.Outcome.Throttled throttled ->
          ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.seconds()))
              .body(ApiResponse.error("TOO_MANY_ATTEMPTS", throttled.message(), Map.of()));
    };
  }
}
