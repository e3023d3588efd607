package dev.switchboard.agent;

/** An agent's limits (SPEC defaults: 10 runs a minute, 100 a day, 100 emails a day). */
public record Restrictions(
    int maxExecutionsPerMinute, int maxExecutionsPerDay, int maxEmailsPerDay) {

  public static final Restrictions DEFAULT = new Restrictions(10, 100, 100);
}
