// The execution page: status, trigger, timings, steps, error, and a log console that stays
// responsive with 100,000 lines (batched rendering, at most MAX_DOM lines in the page).
(function () {
  "use strict";
  const { ws, api, el, toast, setBadge, fmtTime, fmtDuration, ACTIVE } = window.SB;
  const executionId = document.body.dataset.execution;
  const base = `/api/workspaces/${ws}/executions/${executionId}`;

  const MAX_DOM = 2000;
  const PAGE = 1000;

  let execution = null;
  let pollTimer = null;

  // ---- Details ---------------------------------------------------------------------------

  function render(e) {
    execution = e;
    const agentLabel = e.agentDeleted ? `Agent '${e.agentName}' (deleted)` : e.agentName;
    document.getElementById("exec-title").textContent = agentLabel;
    const crumb = document.getElementById("crumb-agent");
    crumb.textContent = agentLabel;
    crumb.href = `/w/${ws}/agents/${e.agentId}`;
    document.title = `${e.status} · ${e.agentName} · Switchboard`;
    setBadge(document.getElementById("exec-status"), e.status);
    document.getElementById("exec-progress").textContent = e.progress || "";
    renderWaitOrSkip(e);

    const dl = document.getElementById("exec-details");
    dl.replaceChildren();
    const row = (k, v) => dl.append(el("div", {}, el("dt", {}, k), el("dd", {}, v)));
    row("Trigger", e.triggerType + (e.triggeredBy ? ` by ${e.triggeredBy}` : ""));
    if (e.retryOf) row("Retry of", el("a", { href: `/w/${ws}/executions/${e.retryOf}`, class: "mono" }, e.retryOf));
    if (e.runNumber) row("Run number", "#" + e.runNumber);
    row("Created", fmtTime(e.createdAt));
    row("Started", fmtTime(e.startedAt));
    row("Finished", fmtTime(e.completedAt));
    row("Duration", fmtDuration(e.duration));
    if (e.resumeAt) row("Resumes at", fmtTime(e.resumeAt));
    if (e.status === "completed") row("Processed", `${e.processedCount || 0} contacts`);
    if (e.summary && Object.keys(e.summary).length) {
      row("Summary", Object.entries(e.summary).map(([k, v]) => `${k}: ${v}`).join(" · "));
    }
    if (e.canceledBy) row("Canceled by", e.canceledBy);
    if (e.prompt) row("Prompt", e.prompt);
    if (e.triggerContext && Object.keys(e.triggerContext).length) {
      row("Context", el("pre", { class: "context" }, JSON.stringify(e.triggerContext, null, 2)));
    }

    renderSteps(e);

    const box = document.getElementById("exec-error");
    if (e.error) {
      box.hidden = false;
      // replaceChildren would print a null part as the text "null": filter them out.
      box.replaceChildren(...[el("strong", {}, "Error"),
        el("p", { class: "exec-error-message" }, text(e.error.message) || "Execution failed"),
        e.error.step ? el("p", { class: "muted" }, `At step ${e.error.step}`) : null,
        e.error.suggestion ? el("p", { class: "suggestion" }, "Suggestion: " + e.error.suggestion) : null,
        hasDetails(e.error.details) ? el("pre", {}, typeof e.error.details === "string" ? e.error.details : JSON.stringify(e.error.details, null, 2)) : null]
        .filter(Boolean));
    } else {
      box.hidden = true;
    }

    const active = ACTIVE.includes(e.status) || e.status === "waiting";
    const cancel = document.getElementById("cancel-run");
    cancel.hidden = !active;
    cancel.textContent = e.status === "running" ? "Stop" : "Cancel";
    document.getElementById("retry-run").hidden = !(e.status === "failed" || e.status === "canceled");
  }

  /** A queued run's position, reason and estimated start; a skipped run's reason. */
  function renderWaitOrSkip(e) {
    const note = document.getElementById("exec-queue");
    const text = e.status === "queued" ? window.SBQueue.queueText(e)
      : e.status === "skipped" ? e.reason || "Skipped" : "";
    note.textContent = text;
    note.hidden = !text;
  }

  // Which steps the reader opened or closed, by index, so a refresh keeps them as they were.
  const toggled = new Map();

  /** Steps as an accordion: failed steps and steps with warnings open by default (story 3.14). */
  function renderSteps(e) {
    const list = document.getElementById("exec-steps");
    list.replaceChildren();
    for (const s of e.steps || []) {
      const status = s.status || "pending";
      const warnings = Array.isArray(s.warnings) ? s.warnings : [];
      const key = String(s.index);
      const open = toggled.has(key) ? toggled.get(key) : status === "failed" || warnings.length > 0;
      const item = el("details", { class: "step step-" + status + (warnings.length ? " step-warned" : ""), open },
        el("summary", { class: "step-summary" },
          el("span", { class: "step-icon", "aria-hidden": "true" }, stepIcon(status)),
          el("span", { class: "step-name" }, `${s.index || ""}. ${s.action}`),
          el("span", { class: "badge badge-" + status }, status.replace("_", " ")),
          warnings.length ? el("span", { class: "badge badge-warning" }, "with warning") : null),
        stepBody(s, warnings, e.full));
      item.addEventListener("toggle", () => toggled.set(key, item.open));
      list.append(el("li", {}, item));
    }
    document.getElementById("steps-empty").hidden = (e.steps || []).length > 0;
  }

  function stepBody(s, warnings, full) {
    const body = el("div", { class: "step-body" });
    if (s.startedAt || s.completedAt) {
      body.append(el("p", { class: "muted step-times" },
        [s.startedAt ? "Started " + fmtTime(s.startedAt) : null, s.completedAt ? "finished " + fmtTime(s.completedAt) : null]
          .filter(Boolean).join(", ")));
    }
    if (s.error) {
      body.append(el("p", { class: "step-error" }, text(s.error.message !== undefined ? s.error.message : s.error) || "Step failed"));
      if (s.error.suggestion) body.append(el("p", { class: "suggestion" }, "Suggestion: " + s.error.suggestion));
    }
    if (warnings.length) {
      body.append(el("ul", { class: "step-warnings" }, ...warnings.map(w => el("li", {}, "⚠ " + w))));
    }
    if (!full) {
      body.append(el("p", { class: "muted" }, "Summary only: owners and admins see each step's parameters and result."));
      return body;
    }
    if (s.params && Object.keys(s.params).length) body.append(section("Params", s.params));
    if (s.resolvedParams && s.resolvedParams.length) body.append(section("Resolved params", s.resolvedParams));
    if (s.result && Object.keys(s.result).length) body.append(section("Result", s.result));
    return body;
  }

  function section(title, value) {
    return el("div", { class: "step-section" },
      el("h3", {}, title),
      el("pre", { class: "context" }, JSON.stringify(value, null, 2)));
  }

  /** A value as text; never the word "null" for a missing one. */
  function text(v) {
    if (v === null || v === undefined) return "";
    return typeof v === "string" ? v : JSON.stringify(v);
  }

  function hasDetails(d) {
    if (d === null || d === undefined || d === "" || d === "null") return false;
    return typeof d !== "object" || Object.keys(d).length > 0;
  }

  function stepIcon(status) {
    return { completed: "✓", failed: "✕", not_executed: "–", running: "…", pending: "○" }[status] || "○";
  }

  async function refresh() {
    const r = await api("GET", base);
    if (!r.ok) {
      document.getElementById("exec-title").textContent = "Execution not found";
      toast({ kind: "error", message: r.error.message, timeout: 0 });
      stopPolling();
      return;
    }
    const wasActive = execution && !isDone(execution);
    render(r.data);
    if (isDone(r.data)) {
      stopPolling();
      if (wasActive) fetchLogs();
    }
  }

  /** Finished for good: a waiting run still changes (it wakes up and runs again). */
  function isDone(e) {
    return !ACTIVE.includes(e.status) && e.status !== "waiting";
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  // ---- Log console -----------------------------------------------------------------------

  const consoleBox = document.getElementById("console");
  const earlier = document.getElementById("log-earlier");
  const toBottom = document.getElementById("log-bottom");
  const all = []; // every line loaded, in seq order
  let lastSeq = 0;
  let from = 0; // index in `all` of the first line in the DOM
  let to = 0; // index after the last line in the DOM
  let scheduled = false;
  let fetching = false;

  function lineNode(l) {
    const node = document.createElement("div");
    node.className = l.stream === "stderr" ? "ln err" : "ln";
    const n = document.createElement("span");
    n.className = "n";
    n.textContent = l.seq;
    node.append(n, document.createTextNode(l.line));
    return node;
  }

  function atBottom() {
    return consoleBox.scrollTop + consoleBox.clientHeight >= consoleBox.scrollHeight - 8;
  }

  function add(lines) {
    for (const l of lines) {
      if (l.seq <= lastSeq) continue; // dedupe: API pages and live events overlap
      all.push(l);
      lastSeq = l.seq;
    }
    updateCount();
    schedule();
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(flush);
    }
  }

  /** Appends what arrived since the last frame, at most 500 lines a frame, then trims the top. */
  function flush() {
    scheduled = false;
    if (to < all.length && following()) {
      const stick = atBottom();
      if (all.length - to > MAX_DOM) {
        // Far behind: only the newest window matters, skip straight to it.
        consoleBox.replaceChildren();
        from = to = all.length - MAX_DOM;
      }
      const end = Math.min(all.length, to + 500);
      const frag = document.createDocumentFragment();
      for (let i = to; i < end; i++) frag.append(lineNode(all[i]));
      consoleBox.append(frag);
      to = end;
      while (to - from > MAX_DOM) {
        consoleBox.firstChild.remove();
        from++;
      }
      if (stick) consoleBox.scrollTop = consoleBox.scrollHeight;
      if (to < all.length) schedule();
    }
    earlier.hidden = from === 0;
    toBottom.hidden = following();
  }

  /** True when the DOM window ends at the newest line it has rendered up to (not paged back). */
  let pagedBack = false;
  function following() {
    return !pagedBack;
  }

  function renderWindow(start, end) {
    const frag = document.createDocumentFragment();
    for (let i = start; i < end; i++) frag.append(lineNode(all[i]));
    consoleBox.replaceChildren(frag);
    from = start;
    to = end;
  }

  earlier.addEventListener("click", () => {
    const start = Math.max(0, from - PAGE);
    const end = Math.min(all.length, start + MAX_DOM);
    const anchor = from;
    pagedBack = end < all.length;
    renderWindow(start, end);
    // Keep the line the reader was looking at in view.
    const node = consoleBox.children[anchor - start];
    if (node) consoleBox.scrollTop = node.offsetTop - consoleBox.offsetTop;
    earlier.hidden = from === 0;
    toBottom.hidden = !pagedBack;
  });

  toBottom.addEventListener("click", () => {
    pagedBack = false;
    renderWindow(Math.max(0, all.length - MAX_DOM), all.length);
    consoleBox.scrollTop = consoleBox.scrollHeight;
    earlier.hidden = from === 0;
    toBottom.hidden = true;
  });

  function updateCount() {
    document.getElementById("log-count").textContent = `${all.length.toLocaleString()} lines`;
  }

  /** Loads every line after lastSeq, a page at a time. */
  async function fetchLogs() {
    if (fetching) return;
    fetching = true;
    try {
      for (;;) {
        const r = await api("GET", `${base}/logs?after=${lastSeq}&limit=${PAGE}`);
        if (!r.ok) break;
        add(r.data.lines);
        if (!r.data.hasMore || !r.data.lines.length) break;
      }
    } finally {
      fetching = false;
    }
  }

  function onLive(msg) {
    if (msg.type === "snapshot" && msg.data) {
      if (msg.data.status) refresh();
      return;
    }
    if (msg.type !== "event") return;
    if (msg.event === "execution:log") {
      const l = msg.data;
      if (l.seq === lastSeq + 1) add([l]);
      else if (l.seq > lastSeq + 1) fetchLogs(); // a gap: fill it from the API
      return;
    }
    refresh();
  }

  // ---- Actions ---------------------------------------------------------------------------

  document.getElementById("cancel-run").addEventListener("click", async (ev) => {
    ev.currentTarget.disabled = true;
    const r = await api("POST", `${base}/cancel`);
    ev.currentTarget.disabled = false;
    if (r.ok) {
      render(r.data);
      toast({ kind: "info", message: "Execution canceled." });
    } else {
      toast({ kind: "error", message: r.error.message, timeout: 0 });
    }
  });

  document.getElementById("retry-run").addEventListener("click", async (ev) => {
    ev.currentTarget.disabled = true;
    const r = await api("POST", `${base}/retry`);
    ev.currentTarget.disabled = false;
    if (r.ok) window.location.assign(`/w/${ws}/executions/${r.data.executionId}`);
    else toast({ kind: "error", message: r.error.message, timeout: 0 });
  });

  async function load() {
    await refresh();
    if (!execution) return;
    await fetchLogs();
    if (!isDone(execution)) {
      if (window.SBLive) window.SBLive.subscribe(`execution:${executionId}`, onLive);
      pollTimer = setInterval(() => {
        refresh();
        fetchLogs();
      }, 2000);
    }
  }

  document.addEventListener("DOMContentLoaded", load);
})();
