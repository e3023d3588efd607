package dev.switchboard.process;

import dev.switchboard.run.ExecutionsPurged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The process groups of running commands, in {@code command_processes}: machine (kernel boot and
 * pid namespace), the server process that started the command and the group leader, each with its
 * start time. A node can then kill what a dead node on the same machine left running; a pid that
 * was recycled since (another start time) is never touched. Without {@code /proc} or {@code setsid}
 * nothing is recorded.
 */
@Component
class CommandProcesses implements ProcessGroups {

  private static final Logger log = LoggerFactory.getLogger(CommandProcesses.class);

  /** This server process, as recorded on each row it starts. */
  private record Server(String machine, long pid, long started) {

    boolean alive(String machine, long pid, long started) {
      return this.machine.equals(machine)
          && ProcStat.of(pid).filter(p -> p.started() == started && !p.ended()).isPresent();
    }
  }

  private record Row(
      UUID id, UUID executionId, long serverPid, long serverStarted, long pgid, long started) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Optional<Server> self;

  CommandProcesses(JdbcClient jdbc, Clock clock, Launcher launcher) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.self = launcher.ownGroup() ? server() : Optional.empty();
  }

  @Override
  public Recorded record(UUID executionId, ProcessHandle leader) {
    if (self.isEmpty()) {
      return () -> {};
    }
    Optional<ProcStat> stat = ProcStat.of(leader.pid());
    if (stat.isEmpty()) {
      return () -> {}; // Ended already: there is no group to find again.
    }
    UUID id = UUID.randomUUID();
    Server server = self.get();
    try {
      insert(id, executionId, server, leader.pid(), stat.get().started());
    } catch (RuntimeException e) {
      // The command runs on; only a crash of this node would leave it unfound.
      log.warn("Could not record the process group of run {}: {}", executionId, e.getMessage());
      return () -> {};
    }
    return () -> forget(id);
  }

  private void insert(UUID id, UUID executionId, Server server, long pgid, long started) {
    jdbc.sql(
            """
            insert into command_processes (id, execution_id, machine, server_pid, server_started,
            pgid, started, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)\
            """)
        .params(
            id,
            executionId,
            server.machine(),
            server.pid(),
            server.started(),
            pgid,
            started,
            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  /** The command ended; a row left by a failure here is cleared by the next node's sweep. */
  private void forget(UUID id) {
    try {
      jdbc.sql("delete from command_processes where id = ?").param(id).update();
    } catch (RuntimeException e) {
      log.warn("Could not forget a finished command's process group: {}", e.getMessage());
    }
  }

  /**
   * Kills, with SIGKILL, every process of the groups that commands of no longer running servers on
   * this machine left behind, and forgets those groups; the number of processes killed.
   */
  int killOrphans() {
    if (self.isEmpty()) {
      return 0;
    }
    Server server = self.get();
    List<Row> rows =
        jdbc.sql(
                """
                select id, execution_id, server_pid, server_started, pgid, started
                from command_processes where machine = ?\
                """)
            .param(server.machine())
            .query((rs, i) ->
                new Row(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6)))
            .list();
    int killed = 0;
    for (Row row : rows) {
      if (server.alive(server.machine(), row.serverPid(), row.serverStarted())) {
        continue; // Its node still runs and supervises it.
      }
      int n = killGroup(row);
      if (n > 0) {
        log.warn(
            "Killed {} leftover process(es) of run {} (process group {}), started by a node that"
                + " is gone",
            n,
            row.executionId(),
            row.pgid());
      }
      killed += n;
      jdbc.sql("delete from command_processes where id = ?").param(row.id()).update();
    }
    return killed;
  }

  /**
   * The group's id cannot be handed out again while any member lives, so members found under it are
   * the recorded group's, unless its leader's pid now belongs to a younger process.
   */
  private static int killGroup(Row row) {
    Optional<ProcStat> leader = ProcStat.of(row.pgid());
    if (leader.isPresent() && leader.get().started() != row.started()) {
      return 0; // Recycled: the recorded group ended long ago.
    }
    int killed = 0;
    for (ProcStat p : ProcStat.all()) {
      if (p.pgrp() == row.pgid() && p.started() >= row.started() && !p.ended()) {
        Optional<ProcessHandle> handle = ProcessHandle.of(p.pid());
        if (handle.isPresent() && handle.get().destroyForcibly()) {
          killed++;
        }
      }
    }
    return killed;
  }

  private static Optional<Server> server() {
    if (!ProcStat.available()) {
      return Optional.empty();
    }
    try {
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
      String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      long pid = ProcessHandle.current().pid();
      return ProcStat.of(pid).map(p -> new Server(boot + " " + namespace, pid, p.started()));
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "Cannot tell this machine apart ({}): orphaned commands are not cleaned up",
          e.getMessage());
      return Optional.empty();
    }
  }

  /** A purged run has no process left to kill: a row that stayed behind goes with it. */
  @EventListener
  void on(ExecutionsPurged purged) {
    jdbc.sql("delete from command_processes where execution_id in (:ids)")
        .param("ids", purged.executionIds())
        .update();
  }
}
