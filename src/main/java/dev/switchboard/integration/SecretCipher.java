package dev.switchboard.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts integration secrets with AES-256-GCM, a fresh random 12-byte IV per value. The key comes
 * from {@code SWITCHBOARD_SECRET_KEY} (base64, 32 bytes; required when several nodes share one
 * database) or is generated once into {@code <data-dir>/secret.key}, readable by the owner only.
 * Each ciphertext is bound to its workspace and kind, so it cannot be moved to another row.
 */
@Component
public class SecretCipher {

  private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  SecretCipher(
      @Value("${switchboard.secret-key:}") String configuredKey,
      @Value("${switchboard.data-dir}") String dataDir) {
    byte[] raw =
        configuredKey.isBlank()
            ? keyFile(Path.of(dataDir, "secret.key"))
            : decodeKey(configuredKey.strip(), "SWITCHBOARD_SECRET_KEY");
    this.key = new SecretKeySpec(raw, "AES");
  }

  public String encrypt(String plain, String context) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[iv.length + sealed.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a secret", e);
    }
  }

  public String decrypt(String stored, String context) {
    if (!stored.startsWith(PREFIX)) {
      throw new IllegalStateException("Unknown secret format");
    }
    byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // Never include the value: a wrong key or a tampered row is all the log may say.
      throw new IllegalStateException(
          "Cannot decrypt an integration secret: wrong SWITCHBOARD_SECRET_KEY or secret.key?");
    }
  }

  private static byte[] keyFile(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
          create(file, Base64.getEncoder().encodeToString(fresh));
          log.info("Generated the secrets key {}", file);
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first: use theirs.
        }
      }
      return decodeKey(Files.readString(file).strip(), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
    }
  }

  private static void create(Path file, String content) throws IOException {
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, content);
  }

  private static byte[] decodeKey(String base64, String source) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " must be base64");
    }
    if (raw.length != 32) {
      throw new IllegalStateException(source + " must hold 32 bytes (base64), not " + raw.length);
    }
    return raw;
  }
}
