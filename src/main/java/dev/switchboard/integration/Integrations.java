package dev.switchboard.integration;

import dev.switchboard.workspace.Membership;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The workspace's integration settings: secrets sealed on the way in, opened only for use. */
@Service
public class Integrations {

  private final IntegrationStore store;
  private final SecretCipher cipher;
  private final Clock clock;

  Integrations(IntegrationStore store, SecretCipher cipher, Clock clock) {
    this.store = store;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** The connection with its secret in clear, for the connector that uses it. */
  public Optional<Integration> find(UUID workspaceId, IntegrationKind kind) {
    return store
        .find(workspaceId, kind)
        .map(row ->
            new Integration(
                workspaceId,
                kind,
                row.settings(),
                row.sealedSecret() == null
                    ? null
                    : cipher.decrypt(row.sealedSecret(), context(workspaceId, kind)),
                row.updatedAt()));
  }

  /** What the API and the page show: settings, {@code connected}, and a flag for the secret. */
  Map<String, Object> view(UUID workspaceId, IntegrationKind kind) {
    Optional<IntegrationStore.Row> row = store.find(workspaceId, kind);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", kind.wireName());
    view.put("connected", row.isPresent());
    row.ifPresent(r -> {
      view.putAll(r.settings());
      view.put("updatedAt", r.updatedAt().toString());
    });
    view.put(kind.secretFlag(), row.map(r -> r.sealedSecret() != null).orElse(false));
    return view;
  }

  @Transactional
  Map<String, Object> save(Membership by, IntegrationKind kind, Map<String, Object> body) {
    UUID ws = by.workspaceId();
    Optional<IntegrationStore.Row> current = store.find(ws, kind);
    String sealed = current.map(IntegrationStore.Row::sealedSecret).orElse(null);
    SettingsForm.Accepted accepted = SettingsForm.check(kind, body, sealed != null);
    sealed =
        switch (accepted.secret()) {
          case SettingsForm.SecretChange.Keep keep -> sealed;
          case SettingsForm.SecretChange.Clear clear -> null;
          case SettingsForm.SecretChange.Replace replace ->
              cipher.encrypt(replace.value(), context(ws, kind));
        };
    store.put(
        new IntegrationStore.Row(ws, kind, accepted.settings(), sealed, clock.instant()),
        by.userId());
    return view(ws, kind);
  }

  /** Connects email through the outbox provider: emails are kept on the Outbox page, not sent. */
  @Transactional
  public void useOutbox(Membership by, String from) {
    save(by, IntegrationKind.EMAIL, Map.of("provider", CaughtEmails.PROVIDER, "from", from));
  }

  @Transactional
  boolean delete(Membership by, IntegrationKind kind) {
    return store.delete(by.workspaceId(), kind);
  }

  /** Binds a ciphertext to its row, so a sealed value copied elsewhere does not open. */
  private static String context(UUID workspaceId, IntegrationKind kind) {
    return workspaceId + "/" + kind.wireName();
  }
}
