package dev.switchboard.process;

import java.util.UUID;

/** Where the process groups of running commands are recorded while they run. */
interface ProcessGroups {

  /** Records the group {@code leader} leads for the run; closing the answer forgets it again. */
  Recorded record(UUID executionId, ProcessHandle leader);

  /** A recorded group, forgotten when the command has ended. */
  interface Recorded extends AutoCloseable {
    @Override
    void close();
  }
}
