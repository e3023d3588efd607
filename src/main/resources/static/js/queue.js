// Why a run waits or was skipped, in words, for the history list and the execution page
// (SPEC "Every queued run says why it waits").
(function () {
  "use strict";
  const { fmtTime } = window.SB;

  /** "2nd in queue · Waiting for run … to finish · starts about 16:45", from queue fields. */
  function queueText(q) {
    if (!q || !q.queuePosition) return "Queued";
    const parts = [q.queuePosition === 1 ? "Next in queue" : `Position ${q.queuePosition} in queue`];
    if (q.queueReason && q.queueReason.message) parts.push(q.queueReason.message);
    parts.push(q.estimatedStartAt ? `Estimated start ${fmtTime(q.estimatedStartAt)}` : "Estimated start unknown");
    return parts.join(" · ");
  }

  window.SBQueue = { queueText };
})();
