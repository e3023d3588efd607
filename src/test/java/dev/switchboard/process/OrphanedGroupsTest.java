package dev.switchboard.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.SwitchboardTestBase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Which recorded process groups a node kills: only those of dead servers, never a recycled pid. */
@Tag("db")
class OrphanedGroupsTest extends SwitchboardTestBase {

  @Autowired CommandProcesses processes;

  private Process group;

  @AfterEach
  void killGroup() {
    if (group != null) {
      group.destroyForcibly();
    }
  }

  @Test
  void a_group_is_killed_only_when_its_server_is_gone_and_its_leader_is_the_recorded_one()
      throws Exception {
    group = new ProcessBuilder("/usr/bin/setsid", "sleep", "300").start();
    long pid = group.pid();
    // Until setsid has run, the child is still in this JVM's process group.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcStat.of(pid).map(s -> s.pgrp() == pid).orElse(false));
    UUID run = UUID.randomUUID();
    processes.record(run, group.toHandle());
    long started =
        jdbc.queryForObject(
            "select started from command_processes where execution_id = ?", Long.class, run);

    processes.killOrphans();
    assertThat(group.isAlive()).as("its server, this one, still runs").isTrue();

    jdbc.update(
        "update command_processes set server_pid = ?, started = ? where execution_id = ?",
        Integer.MAX_VALUE,
        started - 1,
        run);
    processes.killOrphans();
    assertThat(group.isAlive()).as("the pid now belongs to a younger process").isTrue();
    assertThat(rows(run)).isZero();

    processes.record(run, group.toHandle());
    jdbc.update(
        "update command_processes set server_pid = ? where execution_id = ?",
        Integer.MAX_VALUE,
        run);
    processes.killOrphans();
    assertThat(group.waitFor(10, TimeUnit.SECONDS)).as("the orphaned group is killed").isTrue();
    assertThat(rows(run)).isZero();
  }

  private int rows(UUID run) {
    return jdbc.queryForObject(
        "select count(*) from command_processes where execution_id = ?", Integer.class, run);
  }
}
