package dev.switchboard.agent;

import dev.switchboard.api.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where command agents work: one directory per workspace under {@code SWITCHBOARD_JOBS_DIR}, which
 * never overlaps the data directory (the database files and the secrets key). An agent's {@code
 * workingDirectory} is stored relative to its workspace's directory and must stay inside it.
 */
@Component
public class WorkspaceJobs {

  private final Path root;

  @Autowired
  WorkspaceJobs(
      @Value("${switchboard.jobs-dir}") String jobsDir,
      @Value("${switchboard.data-dir}") String dataDir) {
    this(Path.of(jobsDir), Path.of(dataDir));
  }

  public WorkspaceJobs(Path jobsDir, Path dataDir) {
    this.root = jobsDir.toAbsolutePath().normalize();
    Path data = dataDir.toAbsolutePath().normalize();
    if (root.startsWith(data) || data.startsWith(root)) {
      throw new IllegalStateException(
          "SWITCHBOARD_JOBS_DIR ("
              + root
              + ") must not overlap SWITCHBOARD_DATA_DIR ("
              + data
              + "): commands would reach the database and the secrets key");
    }
  }

  public Path root() {
    return root;
  }

  /** The workspace's own directory, where its commands run unless told a subdirectory. */
  public Path of(UUID workspaceId) {
    return root.resolve(workspaceId.toString());
  }

  /**
   * The directory a run works in, created when missing; empty when it would lead outside the
   * workspace's directory (also through a symbolic link).
   */
  public Optional<Path> prepare(UUID workspaceId, String workingDirectory) throws IOException {
    Path base = of(workspaceId);
    Path target = workingDirectory == null ? base : base.resolve(workingDirectory).normalize();
    if (!target.startsWith(base)) {
      return Optional.empty();
    }
    Files.createDirectories(target);
    Path real = target.toRealPath();
    return real.startsWith(base.toRealPath()) ? Optional.of(real) : Optional.empty();
  }

  /**
   * The {@code workingDirectory} an agent stores for what was asked: relative to the workspace's
   * directory (an absolute path must lie inside it); null for the workspace's directory itself.
   */
  String relative(UUID workspaceId, String asked) {
    Path base = of(workspaceId);
    Path target;
    try {
      Path path = Path.of(asked.strip());
      target = (path.isAbsolute() ? path : base.resolve(path)).normalize();
    } catch (InvalidPathException e) {
      throw ApiException.invalid("workingDirectory", "workingDirectory is not a valid path");
    }
    if (!target.startsWith(base) || escapesThroughLink(base, target)) {
      throw ApiException.invalid(
          "workingDirectory",
          "workingDirectory must be inside this workspace's jobs directory ("
              + base
              + "), given relative to it or as an absolute path within it");
    }
    String relative = base.relativize(target).toString();
    return relative.isEmpty() ? null : relative;
  }

  private static boolean escapesThroughLink(Path base, Path target) {
    try {
      return Files.exists(target) && !target.toRealPath().startsWith(base.toRealPath());
    } catch (IOException e) {
      return true;
    }
  }
}
