package dev.switchboard.workspace;

import dev.switchboard.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their passwords (bcrypt), bearer tokens (stored hashed) and workspaces. */
@Service
public class Accounts {

  /** How long a bearer token is good for. */
  public static final Duration TOKEN_LIFETIME = Duration.ofDays(7);

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final int MIN_PASSWORD = 8;
  private static final int MAX_PASSWORD_BYTES = 72;

  /** users.name is varchar(200). */
  private static final int MAX_NAME = 200;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final PasswordEncoder encoder;
  private final SecureRandom random = new SecureRandom();

  /** Checked against when the email is unknown, so that costs the same hash as a wrong password. */
  private final String absentUserHash;

  private record TokenOwner(Caller caller, java.time.Instant expiresAt) {}

  /**
   * Tokens read in the last {@link RecentLookups#KEPT}, by hash; a kept one is never used past its
   * expiry. No call revokes a token: one that does must {@link RecentLookups#forget} it.
   */
  private final RecentLookups<String, TokenOwner> recentTokens;

  @Autowired
  Accounts(JdbcClient jdbc, Clock clock) {
    this(jdbc, clock, new BCryptPasswordEncoder());
  }

  Accounts(JdbcClient jdbc, Clock clock, PasswordEncoder encoder) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.encoder = encoder;
    this.absentUserHash = encoder.encode(UUID.randomUUID().toString());
    this.recentTokens = new RecentLookups<>(clock);
  }

  /** Creates a user; 400 naming the field when the email or password is not acceptable. */
  public Caller createUser(String email, String name, String password) {
    String normalized = normalizeEmail(email);
    if (password == null || password.length() < MIN_PASSWORD) {
      throw ApiException.invalid("password", "Password must be at least 8 characters");
    }
    if (!hashable(password)) {
      throw ApiException.invalid(
          "password", "Password must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
    }
    if (name != null && name.strip().length() > MAX_NAME) {
      throw ApiException.invalid("name", "Name must be at most " + MAX_NAME + " characters");
    }
    if (findUser(normalized).isPresent()) {
      throw new ApiException(
          HttpStatus.CONFLICT, "EMAIL_TAKEN", "A user with this email already exists");
    }
    UUID id = UUID.randomUUID();
    String display = name == null || name.isBlank() ? normalized.split("@")[0] : name.strip();
    jdbc.sql(
            "insert into users (id, email, name, password_hash, created_at) values (?, ?, ?, ?, ?)")
        .params(id, normalized, display, encoder.encode(password), now())
        .update();
    return new Caller(id, normalized, display);
  }

  public Optional<Caller> findUser(String email) {
    return jdbc.sql("select id, email, name from users where email = ?")
        .param(email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
        .query((rs, i) -> new Caller(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
        .optional();
  }

  /**
   * The user when the password matches; the same answer for an unknown email and a bad password.
   */
  public Optional<Caller> authenticate(String email, String password) {
    if (email == null || password == null) {
      return Optional.empty();
    }
    record Stored(Caller caller, String hash) {}
    Optional<Stored> user =
        jdbc.sql("select id, email, name, password_hash from users where email = ?")
            .param(email.strip().toLowerCase(Locale.ROOT))
            .query((rs, i) ->
                new Stored(
                    new Caller(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                    rs.getString(4)))
            .optional();
    // Always one hash, also for an unknown email: the answer's time must not tell them apart.
    boolean hashable = hashable(password);
    boolean matches =
        encoder.matches(hashable ? password : "", user.map(Stored::hash).orElse(absentUserHash))
            && hashable;
    return user.filter(u -> matches).map(Stored::caller);
  }

  /** bcrypt reads at most 72 bytes of a password; a longer one is refused, never cut. */
  private static boolean hashable(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
  }

  /** A new random bearer token; only its SHA-256 is stored. */
  public String issueToken(UUID userId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql(
            "insert into api_tokens (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
        .params(hash(token), userId, now(), now().plus(TOKEN_LIFETIME))
        .update();
    return token;
  }

  /** The token's user while it has not expired. */
  public Optional<Caller> callerForToken(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    String hash = hash(token);
    OffsetDateTime now = now();
    return recentTokens
        .get(hash, () -> tokenOwner(hash, now))
        .filter(owner -> owner.expiresAt().isAfter(now.toInstant()))
        .map(TokenOwner::caller);
  }

  private Optional<TokenOwner> tokenOwner(String hash, OffsetDateTime now) {
    return jdbc.sql(
            """
            select u.id, u.email, u.name, t.expires_at from api_tokens t
            join users u on u.id = t.user_id where t.token_hash = ? and t.expires_at > ?\
            """)
        .params(hash, now)
        .query((rs, i) ->
            new TokenOwner(
                new Caller(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                rs.getObject(4, OffsetDateTime.class).toInstant()))
        .optional();
  }

  public Optional<Caller> userById(UUID userId) {
    return jdbc.sql("select id, email, name from users where id = ?")
        .param(userId)
        .query((rs, i) -> new Caller(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
        .optional();
  }

  /** A new workspace with {@code owner} as its owner. */
  @Transactional
  public UUID createWorkspace(String name, UUID owner) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw ApiException.invalid("name", "Workspace name is required (at most 200 characters)");
    }
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into workspaces (id, name, created_at) values (?, ?, ?)")
        .params(id, name.strip(), now())
        .update();
    addMembership(id, owner, Role.OWNER);
    return id;
  }

  public void addMembership(UUID workspaceId, UUID userId, Role role) {
    jdbc.sql("insert into members (workspace_id, user_id, role, created_at) values (?, ?, ?, ?)")
        .params(workspaceId, userId, role.wireName(), now())
        .update();
  }

  /** The caller's workspaces with their role, oldest first. */
  public List<Map<String, Object>> workspacesOf(UUID userId) {
    return jdbc.sql(
            """
            select w.id, w.name, m.role from workspaces w join members m on m.workspace_id = w.id
            where m.user_id = ? order by w.created_at\
            """)
        .param(userId)
        .query((rs, i) ->
            Map.<String, Object>of(
                "id",
                rs.getObject(1, UUID.class),
                "name",
                rs.getString(2),
                "role",
                rs.getString(3)))
        .list();
  }

  public boolean hasUsers() {
    return jdbc.sql("select count(*) from users").query(Long.class).single() > 0;
  }

  private static String normalizeEmail(String email) {
    if (email == null || !EMAIL.matcher(email.strip()).matches() || email.length() > 320) {
      throw ApiException.invalid("email", "A valid email address is required");
    }
    return email.strip().toLowerCase(Locale.ROOT);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String hash(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
