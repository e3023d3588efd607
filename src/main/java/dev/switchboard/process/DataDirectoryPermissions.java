package dev.switchboard.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start, makes the data directory (database files, run logs) readable by the server's user only
 * (0700) and the secrets key 0600, warning when they were looser: a command running as another user
 * (a sandbox) must not read them. Runs before the engine starts commands.
 */
@Component
class DataDirectoryPermissions implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> KEY = PosixFilePermissions.fromString("rw-------");

  private final Path dataDir;
  private volatile boolean running;

  DataDirectoryPermissions(@Value("${switchboard.data-dir}") String dataDir) {
    this.dataDir = Path.of(dataDir);
  }

  @Override
  public void start() {
    restrict(dataDir, DIRECTORY);
    restrict(dataDir.resolve("secret.key"), KEY);
    running = true;
  }

  /** Sets {@code wanted} when the path grants more; false when it was looser than that. */
  static boolean restrict(Path path, Set<PosixFilePermission> wanted) {
    if (!Files.exists(path)
        || !path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return true;
    }
    try {
      Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
      if (wanted.containsAll(current)) {
        return true;
      }
      log.warn(
          "{} was {}, readable beyond Switchboard's own user; set to {}",
          path.toAbsolutePath(),
          PosixFilePermissions.toString(current),
          PosixFilePermissions.toString(wanted));
      Files.setPosixFilePermissions(path, wanted);
    } catch (IOException e) {
      log.warn(
          "{} may be readable beyond Switchboard's own user and could not be restricted to {}: {}",
          path.toAbsolutePath(),
          PosixFilePermissions.toString(wanted),
          e.getMessage());
    }
    return false;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the orphan reaper and the engine. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 3000;
  }
}
