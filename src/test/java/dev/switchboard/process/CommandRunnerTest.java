package dev.switchboard.process;

import static dev.switchboard.process.CommandRuns.aRunOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.agent.CommandRules;
import dev.switchboard.agent.WorkspaceJobs;
import dev.switchboard.run.Outcome;
import dev.switchboard.support.RecordingRunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes; the commands under test use POSIX tools ({@code sh}, {@code seq}). */
@EnabledOnOs({OS.LINUX, OS.MAC})
class CommandRunnerTest {

  @TempDir Path dir;

  private final List<Long> recordedLeaders = new CopyOnWriteArrayList<>();
  private final List<Long> forgottenLeaders = new CopyOnWriteArrayList<>();
  private CommandRunner runner;

  @BeforeEach
  void setUp() {
    runner = runner(ChildEnvironment.of(System.getenv(), List.of()), List.of());
  }

  private CommandRunner runner(Map<String, String> environment, List<String> sandbox) {
    ProcessGroups groups =
        (executionId, leader) -> {
          recordedLeaders.add(leader.pid());
          return () -> forgottenLeaders.add(leader.pid());
        };
    return new CommandRunner(
        jobs(),
        new CommandRules(CommandRules.Mode.ADMINS, ""),
        new Launcher(sandbox, environment, Optional.of(Path.of("/usr/bin/setsid"))),
        groups);
  }

  private WorkspaceJobs jobs() {
    return new WorkspaceJobs(dir.resolve("jobs"), dir.resolve("data"));
  }

  @Test
  void exit_zero_completes_with_stdout_and_stderr_lines_in_order() {
    RecordingRunContext context =
        aRunOf("/bin/sh", "-c", "echo one; echo two >&2; echo three; echo four >&2").context();

    Outcome outcome = runner.run(context);

    assertThat(outcome).isEqualTo(Outcome.completed(0, Map.of("exitCode", 0, "lines", 4L)));
    assertThat(context.lines("stdout")).containsExactly("one", "three");
    assertThat(context.lines("stderr")).containsExactly("two", "four");
    assertThat(context.lines().getFirst())
        .isEqualTo(
            new RecordingRunContext.Line(
                "system", "$ /bin/sh -c 'echo one; echo two >&2; echo three; echo four >&2'"));
    assertThat(context.lines().getLast())
        .isEqualTo(new RecordingRunContext.Line("system", "Process exited with code 0"));
  }

  @Test
  void non_zero_exit_fails_with_the_exit_code() {
    RecordingRunContext context = aRunOf("/bin/sh", "-c", "echo broken >&2; exit 3").context();

    Outcome outcome = runner.run(context);

    assertThat(outcome)
        .isEqualTo(Outcome.failed("Agent command exited with code 3", null, Map.of("exitCode", 3)));
    assertThat(context.lines("stderr")).containsExactly("broken");
    assertThat(context.lines("system")).contains("Process exited with code 3");
  }

  @Test
  void prompt_is_passed_as_one_argument_never_through_a_shell() {
    String prompt = "it's \"quoted\"   $(rm -rf /) `id` ; echo pwned $HOME * | cat";
    RecordingRunContext context =
        aRunOf("printf", "[%s]\\n", "{{prompt}}").withPrompt(prompt).context();

    Outcome outcome = runner.run(context);

    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    assertThat(context.lines("stdout")).containsExactly("[" + prompt + "]");
  }

  @Test
  void a_stored_command_embedding_the_prompt_in_an_argument_does_not_run() {
    RecordingRunContext context =
        aRunOf("sh", "-c", "echo {{prompt}}").withPrompt("$(cat /etc/passwd)").context();

    Outcome outcome = runner.run(context);

    assertThat(outcome)
        .isEqualTo(
            Outcome.failed(
                "{{prompt}} must be a whole argument: argument 2 puts it inside other text, where"
                    + " a prompt could become shell code or an option. Change the agent's command.",
                null,
                null));
    assertThat(context.lines("stdout")).isEmpty();
  }

  @Test
  void a_program_outside_the_allowlist_set_since_the_agent_was_saved_does_not_run() {
    CommandRunner strict =
        new CommandRunner(
            jobs(),
            new CommandRules(CommandRules.Mode.ADMINS, "claude, /usr/bin/printf"),
            new Launcher(List.of(), System.getenv(), Optional.empty()),
            (executionId, leader) -> () -> {});
    RecordingRunContext context = aRunOf("cat", "/etc/hostname").context();

    Outcome outcome = strict.run(context);

    assertThat(outcome)
        .isEqualTo(
            Outcome.failed(
                "'cat' is not an executable this instance allows (SWITCHBOARD_COMMAND_ALLOWLIST:"
                    + " /usr/bin/printf, claude). Change the agent's command.",
                null,
                null));
  }

  @Test
  void without_a_prompt_the_agents_goal_is_the_prompt() {
    RecordingRunContext context =
        aRunOf("printf", "%s\\n", "{{prompt}}")
            .withPrompt(null)
            .withGoal("Keep the build green")
            .context();

    runner.run(context);

    assertThat(context.lines("stdout")).containsExactly("Keep the build green");
  }

  @Test
  void the_logged_command_line_shortens_the_prompt() {
    String prompt = "Refactor the billing module. ".repeat(20);
    RecordingRunContext context =
        aRunOf("printf", "%s\\n", "{{prompt}}").withPrompt(prompt).context();

    runner.run(context);

    String started = context.lines("system").getFirst();
    assertThat(started)
        .startsWith("$ printf '%s\\n' 'Refactor the billing module. Refactor")
        .endsWith("…'")
        .hasSizeLessThan(100);
    assertThat(context.lines("stdout")).containsExactly(prompt);
  }

  @Test
  void missing_executable_fails_with_an_install_hint() {
    RecordingRunContext context = aRunOf("no-such-agent-cli", "--print", "{{prompt}}").context();

    Outcome outcome = runner.run(context);

    assertThat(outcome)
        .isEqualTo(
            Outcome.failed(
                "Agent command 'no-such-agent-cli' not found. Install it or change the agent's"
                    + " command.",
                null,
                null));
  }

  @Test
  void a_working_directory_leading_out_of_the_workspaces_jobs_directory_fails_clearly() {
    RecordingRunContext context = aRunOf("pwd").inDirectory("../../data").context();

    Outcome outcome = runner.run(context);

    assertThat(outcome)
        .isEqualTo(
            Outcome.failed(
                "Working directory '../../data' is outside this workspace's jobs directory. Change"
                    + " the agent's working directory.",
                null,
                null));
  }

  @Test
  void a_symbolic_link_out_of_the_jobs_directory_is_refused() throws Exception {
    RecordingRunContext context = aRunOf("pwd").inDirectory("escape").context();
    Path workspace = jobs().of(context.agent().workspaceId());
    Files.createDirectories(workspace);
    Files.createDirectories(dir.resolve("data"));
    Files.createSymbolicLink(workspace.resolve("escape"), dir.resolve("data"));

    Outcome outcome = runner.run(context);

    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    assertThat(context.lines("stdout")).isEmpty();
  }

  @Test
  void a_relative_working_directory_is_created_inside_the_workspaces_jobs_directory()
      throws Exception {
    RecordingRunContext context = aRunOf("pwd").inDirectory("repo/sub").context();

    runner.run(context);

    Path expected = jobs().of(context.agent().workspaceId()).resolve("repo/sub");
    assertThat(context.lines("stdout")).containsExactly(expected.toRealPath().toString());
  }

  @Test
  void without_a_working_directory_the_command_runs_in_its_workspaces_jobs_directory()
      throws Exception {
    RecordingRunContext context = aRunOf("pwd").context();

    runner.run(context);

    Path expected = dir.resolve("jobs").resolve(context.agent().workspaceId().toString());
    assertThat(context.lines("stdout")).containsExactly(expected.toRealPath().toString());
  }

  @Test
  void the_command_leads_a_process_group_of_its_own_recorded_while_it_runs() {
    RecordingRunContext context =
        aRunOf("/bin/sh", "-c", "echo $$; cut -d ' ' -f 5 /proc/$$/stat").context();

    runner.run(context);

    List<String> out = context.lines("stdout");
    assertThat(out).hasSize(2);
    assertThat(out.get(1)).isEqualTo(out.get(0));
    assertThat(recordedLeaders).containsExactly(Long.parseLong(out.get(0)));
    assertThat(forgottenLeaders).isEqualTo(recordedLeaders);
  }

  @Test
  void the_sandbox_wrapper_is_put_before_the_command() throws Exception {
    Path marker = dir.resolve("wrapper-called");
    Path wrapper = dir.resolve("wrapper.sh");
    Files.writeString(wrapper, "#!/bin/sh\nprintf '%s|' \"$@\" > '" + marker + "'\nexec \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    CommandRunner sandboxed =
        runner(ChildEnvironment.of(System.getenv(), List.of()), List.of(wrapper.toString()));
    RecordingRunContext context = aRunOf("printf", "%s\\n", "{{prompt}}").context();

    Outcome outcome = sandboxed.run(context);

    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    assertThat(context.lines("stdout")).containsExactly("Fix the login bug");
    assertThat(Files.readString(marker)).isEqualTo("printf|%s\\n|Fix the login bug|");
  }

  @Test
  @EnabledIf("runningAsRoot")
  void a_setpriv_sandbox_runs_the_command_as_nobody() {
    CommandRunner sandboxed =
        runner(
            ChildEnvironment.of(System.getenv(), List.of()),
            List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
    RecordingRunContext context = aRunOf("id", "-un").context();

    Outcome outcome = sandboxed.run(context);

    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    assertThat(context.lines("stdout")).containsExactly("nobody");
  }

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void stop_kills_a_command_that_ignores_sigterm_and_its_children() {
    RecordingRunContext context =
        aRunOf(
                "/bin/sh",
                "-c",
                "trap '' TERM; sleep 1000 & echo $!; echo $$; while true; do sleep 1; done")
            .context();
    CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> runner.run(context));
    await().atMost(Duration.ofSeconds(5)).until(() -> context.lines("stdout").size() == 2);
    List<ProcessHandle> tree = handles(context.lines("stdout"));

    long stopAt = System.nanoTime();
    context.cancel();

    await().atMost(Duration.ofSeconds(8)).until(outcome::isDone);
    Duration took = Duration.ofNanos(System.nanoTime() - stopAt);
    assertThat(outcome.join()).isEqualTo(new Outcome.Canceled());
    assertThat(took).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(8));
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
    assertThat(context.lines("system"))
        .contains("Stop requested; stopping the command")
        .contains("Still running 5 seconds after SIGTERM; sent SIGKILL");
  }

  @Test
  void stop_also_kills_children_that_outlive_their_parent() {
    RecordingRunContext context =
        aRunOf(
                "/bin/sh",
                "-c",
                "(trap '' TERM; while true; do sleep 1; done) & echo $!; echo $$; wait")
            .context();
    CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> runner.run(context));
    await().atMost(Duration.ofSeconds(5)).until(() -> context.lines("stdout").size() == 2);
    List<ProcessHandle> tree = handles(context.lines("stdout"));

    context.cancel();

    await().atMost(Duration.ofSeconds(8)).until(outcome::isDone);
    assertThat(outcome.join()).isEqualTo(new Outcome.Canceled());
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void stop_of_a_command_that_honours_sigterm_does_not_wait_for_the_grace_period() {
    RecordingRunContext context = aRunOf("/bin/sh", "-c", "echo ready; exec sleep 1000").context();
    CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> runner.run(context));
    await().atMost(Duration.ofSeconds(5)).until(() -> context.lines("stdout").contains("ready"));

    context.cancel();

    await().atMost(Duration.ofSeconds(3)).until(outcome::isDone);
    assertThat(outcome.join()).isEqualTo(new Outcome.Canceled());
    assertThat(context.lines("system")).contains("Process exited with code 143");
  }

  @Test
  void a_run_stopped_before_it_started_starts_nothing() {
    RecordingRunContext context = aRunOf("printf", "started\\n").context();
    context.cancel();

    Outcome outcome = runner.run(context);

    assertThat(outcome).isEqualTo(new Outcome.Canceled());
    assertThat(context.lines()).isEmpty();
  }

  @Test
  void timeout_stops_the_command_and_fails_with_a_clear_message() {
    RecordingRunContext context =
        aRunOf("/bin/sh", "-c", "echo started; exec sleep 1000").withTimeoutSeconds(1).context();
    CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> runner.run(context));

    await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);

    assertThat(outcome.join())
        .isEqualTo(
            Outcome.failed(
                "Agent command timed out after 1 seconds",
                null,
                Map.of("timeoutSeconds", 1, "exitCode", 143)));
    assertThat(context.lines("stdout")).containsExactly("started");
    assertThat(context.lines("system")).contains("Timed out after 1 seconds; stopping the command");
  }

  @Test
  void hundred_thousand_lines_are_all_delivered_in_order() {
    RecordingRunContext context = aRunOf("seq", "1", "100000").context();

    Outcome outcome = runner.run(context);

    assertThat(outcome).isEqualTo(Outcome.completed(0, Map.of("exitCode", 0, "lines", 100_000L)));
    assertThat(context.lines("stdout"))
        .isEqualTo(IntStream.rangeClosed(1, 100_000).mapToObj(Integer::toString).toList());
  }

  @Test
  void long_lines_are_logged_in_pieces_and_invalid_utf8_is_replaced() {
    RecordingRunContext context =
        aRunOf(
                "/bin/sh",
                "-c",
                "head -c 20000 /dev/zero | tr '\\000' a; echo; printf 'caf\\303\\251 \\377 end\\r\\n'")
            .context();

    runner.run(context);

    List<String> stdout = context.lines("stdout");
    assertThat(stdout).hasSize(4);
    assertThat(stdout.subList(0, 3))
        .allSatisfy(piece -> assertThat(piece).hasSizeLessThanOrEqualTo(8_000).matches("a+"));
    assertThat(String.join("", stdout.subList(0, 3))).hasSize(20_000);
    assertThat(stdout.get(3)).isEqualTo("café \uFFFD end");
  }

  @Test
  void the_commands_environment_holds_the_basics_and_what_is_passed_on_never_switchboards() {
    Map<String, String> parent =
        Map.of(
            "PATH", System.getenv("PATH"),
            "LANG", "C.UTF-8",
            "SWITCHBOARD_ADMIN_PASSWORD", "s3cret",
            "SWITCHBOARD_LLM_API_KEY", "sk-123",
            "SPRING_DATASOURCE_PASSWORD", "pg-pass",
            "SPRING_PROFILES_ACTIVE", "prod",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "ANTHROPIC_API_KEY", "passed-on");
    CommandRunner runner =
        runner(
            ChildEnvironment.of(parent, List.of("ANTHROPIC_API_KEY", "SWITCHBOARD_LLM_API_KEY")),
            List.of());
    RecordingRunContext context = aRunOf("env").context();

    runner.run(context);

    assertThat(context.lines("stdout"))
        .contains("LANG=C.UTF-8", "ANTHROPIC_API_KEY=passed-on")
        .noneMatch(line -> line.startsWith("SWITCHBOARD_"))
        .noneMatch(line -> line.startsWith("SPRING_"))
        .noneMatch(line -> line.startsWith("AWS_"));
    assertThat(context.lines())
        .noneMatch(line -> line.text().contains("s3cret") || line.text().contains("sk-123"));
  }

  @Test
  void the_commands_stdin_is_empty() {
    RecordingRunContext context = aRunOf("/bin/sh", "-c", "cat; echo done").context();
    CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> runner.run(context));

    await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);

    assertThat(context.lines("stdout")).containsExactly("done");
  }

  @Test
  void a_background_process_holding_the_output_open_does_not_hold_up_the_run() {
    // Whether the JDK closes the pipe when the command exits depends on timing; either way the
    // run must end within the drain grace period.
    RecordingRunContext context = aRunOf("/bin/sh", "-c", "sleep 1000 & echo $!").context();
    CompletableFuture<Outcome> outcome = CompletableFuture.supplyAsync(() -> runner.run(context));

    try {
      await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);

      assertThat(outcome.join()).isInstanceOf(Outcome.Completed.class);
      assertThat(context.lines("stdout")).hasSize(1);
      assertThat(context.lines().getLast().text()).isEqualTo("Process exited with code 0");
    } finally {
      handles(context.lines("stdout")).forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void a_resumed_run_says_the_command_runs_again() {
    RecordingRunContext context = aRunOf("printf", "ok\\n").attempt(2).context();

    Outcome outcome = runner.run(context);

    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    assertThat(context.lines("system").getFirst())
        .isEqualTo(
            "Attempt 2: the previous attempt was interrupted, so the command runs again from the"
                + " start");
  }

  private static List<ProcessHandle> handles(List<String> pids) {
    return pids.stream()
        .map(pid -> ProcessHandle.of(Long.parseLong(pid.strip())).orElseThrow())
        .toList();
  }
}
