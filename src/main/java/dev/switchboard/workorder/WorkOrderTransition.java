package dev.switchboard.workorder;

import java.time.Instant;

/** One recorded status change of a work order, with who made it. */
public record WorkOrderTransition(
    String from, String to, Instant at, String actor, Integer runNumber, String reason) {}
