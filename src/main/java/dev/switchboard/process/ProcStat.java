package dev.switchboard.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code /proc/<pid>/stat} says about a process: its process group and its start time (clock
 * ticks since boot), which together tell a recorded process from a later one that got its pid.
 */
record ProcStat(long pid, char state, long pgrp, long started) {

  private static final Path PROC = Path.of("/proc");

  static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  static Optional<ProcStat> of(long pid) {
    try {
      return Optional.of(parse(pid, Files.readString(PROC.resolve(pid + "/stat"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static List<ProcStat> all() {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(name -> of(Long.parseLong(name)))
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Exited: a zombie waiting for its parent, or already reaped. */
  boolean ended() {
    return state == 'Z' || state == 'X';
  }

  private static ProcStat parse(long pid, String line) {
    // The command name in parentheses may itself hold spaces and parentheses.
    String[] fields = line.substring(line.lastIndexOf(')') + 2).strip().split(" ");
    return new ProcStat(
        pid, fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[19]));
  }
}
