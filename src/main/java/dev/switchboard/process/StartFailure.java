package dev.switchboard.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Says why a command could not be started, in words a workspace admin can act on. The JDK's
 * messages differ by launch mechanism ("error=2, …" or "error: 2 (…)"), so the cause is found by
 * looking for the program the way the JDK does: on the JVM's {@code PATH} unless it names a path.
 */
final class StartFailure {

  private StartFailure() {}

  /**
   * Why the program cannot be started, checked before starting it: behind {@code setsid} or a
   * sandbox wrapper, a missing program would only show as the wrapper's exit code.
   */
  static Optional<String> before(String program, Path directory) {
    Path found = locate(program, directory);
    if (found == null) {
      return Optional.of(
          "Agent command '" + program + "' not found. Install it or change the agent's command.");
    }
    if (!Files.isExecutable(found) || Files.isDirectory(found)) {
      return Optional.of(
          "Agent command '"
              + program
              + "' is not an executable program. Fix its permissions or change the agent's"
              + " command.");
    }
    return Optional.empty();
  }

  static String message(String program, Path directory, IOException e) {
    return before(program, directory)
        .orElse("Agent command '" + program + "' could not be started: " + e.getMessage());
  }

  private static Path locate(String program, Path directory) {
    try {
      if (program.contains(File.separator)) {
        Path path = directory.resolve(program);
        return Files.exists(path) ? path : null;
      }
      String searchPath = System.getenv("PATH");
      if (searchPath == null) {
        return null;
      }
      for (String entry : searchPath.split(File.pathSeparator)) {
        Path candidate = directory.resolve(entry.isEmpty() ? "." : entry).resolve(program);
        if (Files.exists(candidate)) {
          return candidate;
        }
      }
      return null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
