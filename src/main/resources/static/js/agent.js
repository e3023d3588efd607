// The agent page: details and the Run Now button with all its states (history.js: the history).
(function () {
  "use strict";
  const { ws, api, el, toast, setBadge, fmtTime, ACTIVE } = window.SB;
  const agentId = document.body.dataset.agent;
  const base = `/api/workspaces/${ws}`;

  const button = document.getElementById("run-now");
  const label = button.querySelector(".label");
  const spinner = button.querySelector(".spinner");
  const note = document.getElementById("run-note");

  let agent = null;
  /** The run this page is following (started here, or the one that blocked a Run Now). */
  let followed = null;
  let pollTimer = null;

  // ---- Run Now button states ------------------------------------------------------------

  function idle() {
    button.disabled = !agent || agent.status === "archived";
    button.classList.remove("is-running");
    spinner.hidden = true;
    label.textContent = "Run Now";
    button.removeAttribute("aria-busy");
  }

  function running() {
    button.disabled = true;
    button.classList.add("is-running");
    spinner.hidden = false;
    label.textContent = "Agent is running...";
    button.setAttribute("aria-busy", "true");
  }

  function showNote(...parts) {
    note.replaceChildren(...parts.filter((p) => p !== null && p !== undefined));
  }

  function executionLink(id, text) {
    return el("a", { href: `/w/${ws}/executions/${id}`, class: "mono" }, text || id);
  }

  async function runNow() {
    running();
    showNote();
    const r = await api("POST", `${base}/agents/${agentId}/trigger`, {});
    if (r.ok) {
      follow(r.data.executionId, true);
      return;
    }
    if (r.error.code === "AGENT_ALREADY_RUNNING") {
      const current = r.body.currentExecutionId || (r.body.error && r.body.error.currentExecutionId);
      const message = "Agent is already running. Wait for current execution to complete.";
      button.disabled = true;
      button.classList.remove("is-running");
      spinner.hidden = true;
      label.textContent = "Run Now";
      showNote(el("span", {}, message), " ",
        current ? el("span", {}, "Current execution: ", executionLink(current)) : null);
      toast({
        kind: "warning",
        message,
        actions: current ? [{ label: "View current execution", href: `/w/${ws}/executions/${current}` }] : [],
      });
      if (current) follow(current, false);
      else idle();
      return;
    }
    idle();
    // 403 (no permission), 429 (rate limit), 409 AGENT_NOT_RUNNABLE and anything else: the message.
    toast({ kind: "error", message: r.error.message, timeout: 0 });
  }

  // ---- Following a run: WebSocket events, with polling every 2 s as the fallback ------------

  function follow(executionId, mine) {
    followed = { id: executionId, mine, done: false };
    if (mine) running();
    else button.disabled = true;
    if (window.SBHistory) window.SBHistory.reload();
    clearInterval(pollTimer);
    pollTimer = setInterval(() => poll(executionId), 2000);
    poll(executionId);
  }

  async function poll(executionId) {
    if (!followed || followed.id !== executionId || followed.done) return;
    const r = await api("GET", `${base}/executions/${executionId}`);
    if (!r.ok || !followed || followed.id !== executionId) return;
    const e = r.data;
    if (e.status === "running" && e.progress && followed.mine) showNote(e.progress);
    if (e.status === "completed") finished(executionId, { success: true, processedCount: e.processedCount });
    else if (e.status === "failed") finished(executionId, { success: false, error: e.error && e.error.message });
    else if (e.status === "canceled" || e.status === "skipped") finished(executionId, { canceled: true, status: e.status });
    else if (e.status === "waiting") finished(executionId, { waiting: true, resumeAt: e.resumeAt });
  }

  function onLive(msg) {
    if (msg.type !== "event" || !msg.data) return;
    const id = msg.data.executionId;
    if (!followed || followed.id !== id) {
      // A run started elsewhere (a schedule, another tab): Run Now waits for it too.
      if (msg.event === "execution:started" && (!followed || followed.done)) follow(id, false);
      return;
    }
    switch (msg.event) {
      case "execution:progress":
        if (followed.mine) showNote(`Step ${msg.data.step} of ${msg.data.total}: ${msg.data.action}`);
        break;
      case "execution:completed":
        finished(id, { success: true, processedCount: msg.data.processedCount });
        break;
      case "execution:failed":
        finished(id, { success: false, error: msg.data.error });
        break;
      case "execution:canceled":
        finished(id, { canceled: true, status: "canceled" });
        break;
      case "execution:waiting":
        finished(id, { waiting: true, resumeAt: msg.data.resumeAt });
        break;
      default:
    }
  }

  function finished(executionId, result) {
    if (!followed || followed.id !== executionId || followed.done) return;
    const mine = followed.mine;
    followed.done = true;
    clearInterval(pollTimer);
    idle();
    showNote();
    if (window.SBHistory) window.SBHistory.reload();
    const logHref = `/w/${ws}/executions/${executionId}`;
    if (!mine) {
      showNote("The previous execution has ended. ", executionLink(executionId, "View it"));
      return;
    }
    if (result.success) {
      const n = result.processedCount || 0;
      toast({
        kind: "success",
        message: `Agent completed successfully. Processed ${n} contact${n === 1 ? "" : "s"}.`,
        actions: [{ label: "View Execution Log", href: logHref }],
        timeout: 30000,
      });
    } else if (result.waiting) {
      toast({
        kind: "info",
        message: `Agent is waiting until ${fmtTime(result.resumeAt)}.`,
        actions: [{ label: "View Execution Log", href: logHref }],
      });
    } else if (result.canceled) {
      toast({ kind: "info", message: `Execution ${result.status}.`, actions: [{ label: "View Execution Log", href: logHref }] });
    } else {
      toast({
        kind: "error",
        message: `Agent failed: ${result.error || "unknown error"}`,
        actions: [
          { label: "View Error Log", href: logHref },
          { label: "Retry Execution", onClick: () => retry(executionId) },
        ],
        timeout: 0,
      });
    }
  }

  async function retry(executionId) {
    running();
    const r = await api("POST", `${base}/executions/${executionId}/retry`);
    if (r.ok) {
      follow(r.data.executionId, true);
    } else {
      idle();
      toast({ kind: "error", message: r.error.message, timeout: 0 });
    }
  }

  // ---- Details ---------------------------------------------------------------------------

  function renderAgent(a) {
    document.title = `${a.name} · Switchboard`;
    document.getElementById("agent-name").textContent = a.name;
    document.getElementById("crumb-agent").textContent = a.name;
    const kind = document.getElementById("agent-kind");
    kind.textContent = a.kind;
    kind.className = "badge badge-kind";
    setBadge(document.getElementById("agent-status"), a.status);
    document.getElementById("agent-goal").textContent = a.goal || "";
    const dl = document.getElementById("agent-details");
    dl.replaceChildren();
    const row = (k, v) => dl.append(el("div", {}, el("dt", {}, k), el("dd", {}, v)));
    if (a.kind === "workflow") row("Instructions", a.instructions || "—");
    else {
      row("Command", (a.command || []).join(" "));
      row("Timeout", a.timeoutSeconds + " s");
    }
    row("Who may run it", a.runPermission === "admins" ? "Owners and admins" : "Members and above");
    const lim = a.restrictions || {};
    row("Limits", `${lim.maxExecutionsPerMinute}/min · ${lim.maxExecutionsPerDay}/day · ${lim.maxEmailsPerDay} emails/day`);
    row("Updated", fmtTime(a.updatedAt));
    if (a.plan) {
      document.getElementById("plan-box").hidden = false;
      document.getElementById("agent-plan").textContent = JSON.stringify(a.plan, null, 2);
    }
  }

  // ---- Triggers --------------------------------------------------------------------------

  function renderTriggers(a) {
    const { describe, fireTime, absoluteUrl } = window.SBTriggers;
    const triggers = a.triggers || [];
    const list = document.getElementById("trigger-items");
    list.replaceChildren();
    for (const t of triggers) {
      const item = el("li", { class: `trigger-item trigger-${t.type}` }, describe(t));
      if (t.type === "schedule" && t.nextRunAt) {
        item.append(el("span", { class: "muted" }, " · next ",
          el("time", { datetime: t.nextRunAt }, fireTime(t.nextRunAt, t.timezone))));
      }
      if (t.type === "webhook" && t.url) item.append(el("span", { class: "mono webhook-url" }, absoluteUrl(t.url)));
      list.append(item);
    }
    document.getElementById("triggers-empty").hidden = triggers.length > 0;
    const next = triggers
      .filter((t) => t.type === "schedule" && t.nextRunAt)
      .sort((x, y) => Date.parse(x.nextRunAt) - Date.parse(y.nextRunAt))[0];
    const line = document.getElementById("next-run");
    line.hidden = !next;
    line.replaceChildren(...(next
      ? [el("strong", {}, "Next run: "), el("time", { datetime: next.nextRunAt }, fireTime(next.nextRunAt, next.timezone)),
        ` (${next.timezone})`, a.status === "live" ? "" : ` — skipped while the agent is ${a.status}`]
      : []));
  }

  async function load() {
    const r = await api("GET", `${base}/agents/${agentId}`);
    if (!r.ok) {
      document.getElementById("agent-name").textContent = "Agent not found";
      toast({ kind: "error", message: r.error.message, timeout: 0 });
      return;
    }
    agent = r.data;
    renderAgent(agent);
    renderTriggers(agent);
    idle();
    await followActiveRun();
    if (window.SBLive) window.SBLive.subscribe(`workspace:${ws}:agent:${agentId}`, onLive);
  }

  /** A page opened while the agent runs shows Run Now disabled until that run ends. */
  async function followActiveRun() {
    const r = await api("GET", `${base}/agents/${agentId}/executions?page=1`);
    if (!r.ok) return;
    const current = r.data.items.find((e) => ACTIVE.includes(e.status));
    if (!current) return;
    showNote(el("span", {}, "Agent is already running. Wait for current execution to complete."), " ",
      el("span", {}, "Current execution: ", executionLink(current.executionId)));
    follow(current.executionId, false);
  }

  button.addEventListener("click", runNow);
  document.addEventListener("DOMContentLoaded", load);
})();
