package dev.switchboard.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts a command's process the way the instance says: in a session and process group of its own
 * ({@code setsid}, so the whole group can be found and killed after a crash), behind the sandbox
 * wrapper of {@code SWITCHBOARD_COMMAND_SANDBOX} when one is set, with the scrubbed environment
 * ({@link ChildEnvironment}) and an empty stdin.
 */
@Component
class Launcher {

  private static final Logger log = LoggerFactory.getLogger(Launcher.class);
  private static final List<Path> SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private final List<String> prefix;
  private final boolean ownGroup;
  private final Map<String, String> environment;

  @Autowired
  Launcher(
      @Value("${switchboard.command-sandbox}") String sandbox,
      @Value("${switchboard.command-env}") String passedOn) {
    this(
        words(sandbox),
        ChildEnvironment.of(System.getenv(), Arrays.asList(passedOn.split("\\s*,\\s*"))),
        SETSID.stream().filter(Files::isExecutable).findFirst());
  }

  Launcher(List<String> sandbox, Map<String, String> environment, Optional<Path> setsid) {
    List<String> prefix = new ArrayList<>();
    setsid.ifPresentOrElse(
        path -> prefix.add(path.toString()),
        () ->
            log.warn(
                "setsid not found: a command's processes share Switchboard's process group and"
                    + " cannot be found again if this node is killed"));
    prefix.addAll(sandbox);
    this.prefix = List.copyOf(prefix);
    this.ownGroup = setsid.isPresent();
    this.environment = Map.copyOf(environment);
  }

  /** Whether each command leads a process group of its own, whose id is its pid. */
  boolean ownGroup() {
    return ownGroup;
  }

  Process start(CommandLine line, Path directory) throws IOException {
    List<String> argv = Stream.concat(prefix.stream(), line.argv().stream()).toList();
    ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      // An empty stdin: a CLI that reads it when it is not a terminal must not wait forever.
      process.getOutputStream().close();
    } catch (IOException e) {
      // It exited already; its exit code will say how.
    }
    return process;
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
  }
}
