/**
 * Command agents: runs an agent's program (a coding-agent CLI such as {@code claude --print}) with
 * the run's prompt as one argument, never through a shell; streams its stdout and stderr line by
 * line into the run's log; stops it (SIGTERM, then SIGKILL of the whole process tree) when a person
 * asks or its time is up.
 *
 * <p>The module's one entry point is {@code CommandRunner}, the engine's {@link
 * dev.switchboard.run.Runner} for {@link dev.switchboard.agent.AgentKind#COMMAND} agents.
 */
package dev.switchboard.process;
