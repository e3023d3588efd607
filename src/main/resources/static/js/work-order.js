// Work order detail: status, runs, history, and the Trigger New Run dialog (seed 002).
(function () {
  "use strict";
  const { ws, api, el, toast, setBadge, fmtTime, fmtDuration } = window.SB;
  const id = document.body.dataset.workOrder;
  const canWrite = document.body.dataset.role !== "viewer";
  const base = `/api/workspaces/${ws}/work-orders/${id}`;
  const $ = (x) => document.getElementById(x);
  let order = null;
  let triggering = false;
  // One key per dialog and body: a retry of the same request is never run twice, a changed
  // request is a new one.
  let idempotencyKey = null;
  let keyedBody = null;
  let lastFocus = null;

  async function load() {
    const r = await api("GET", base);
    if (!r.ok) {
      toast({ kind: "error", message: r.error.message });
      return;
    }
    order = r.data;
    render();
  }

  function render() {
    $("wo-title").textContent = "Work Order: " + order.title;
    setBadge($("wo-status"), order.status);
    $("wo-prompt").textContent = order.prompt || order.title;
    $("wo-created").textContent = fmtTime(order.createdAt);
    $("wo-agent").textContent = order.agentId;
    const terminal = order.status === "succeeded" || order.status === "cancelled";
    const active = order.status === "queued" || order.status === "running";
    $("wo-approve").hidden = !canWrite || order.status !== "draft";
    $("wo-accept").hidden = !canWrite || order.status !== "review";
    $("wo-cancel").hidden = !canWrite || terminal;
    $("trigger-wrap").hidden = !canWrite || terminal || order.status === "draft";
    $("trigger-run").disabled = active || triggering;
    $("trigger-tip").hidden = !active;
    $("run-count").textContent = String(order.runs.length);
    $("run-rows").replaceChildren(...order.runs.map((run) =>
      el("tr", {},
        el("td", {}, el("a", { href: `/w/${ws}/executions/${run.executionId}` }, "Run #" + run.runNumber)),
        el("td", {}, el("span", { class: "badge badge-" + run.status }, run.status)),
        el("td", {}, fmtDuration(run.duration)),
        el("td", {}, fmtTime(run.startedAt)))));
    $("wo-transitions").replaceChildren(...order.transitions.map((t) =>
      el("li", {}, `${t.from ? t.from + " → " : ""}${t.to} by ${t.actor} · ${fmtTime(t.at)}` +
        (t.reason ? ` (${t.reason})` : ""))));
  }

  async function act(path) {
    const r = await api("POST", `${base}/${path}`);
    if (!r.ok) toast({ kind: "error", message: r.error.message });
    await load();
  }

  // The dialog: Escape closes, Tab stays inside, Enter confirms.
  async function openDialog() {
    lastFocus = document.activeElement;
    idempotencyKey = null;
    $("dlg-wo").textContent = order.title;
    $("dlg-prompt").textContent = order.prompt || order.title;
    $("dlg-run-info").textContent =
      `This will create Run #${order.nextRunNumber} using the current profile settings.`;
    $("dlg-advanced").open = false;
    $("dlg-max").value = "";
    for (const x of ["dlg-error", "dlg-queued", "dlg-max-error", "dlg-profile-error", "dlg-retry"]) $(x).hidden = true;
    $("dlg-confirm").hidden = false;
    const profiles = await api("GET", `/api/workspaces/${ws}/profiles`);
    const select = $("dlg-profile");
    select.replaceChildren(...(profiles.ok ? profiles.data : [{ name: "default" }]).map((p) =>
      el("option", { value: p.name, selected: p.name === order.profile }, p.name)));
    $("trigger-backdrop").hidden = false;
    $("dlg-confirm").focus();
  }

  function closeDialog() {
    $("trigger-backdrop").hidden = true;
    if (lastFocus) lastFocus.focus();
  }

  function focusables() {
    return [...$("trigger-dialog").querySelectorAll("button, summary, input, select")]
      .filter((n) => !n.hidden && !n.disabled && n.offsetParent !== null);
  }

  function onKey(e) {
    if ($("trigger-backdrop").hidden) return;
    if (e.key === "Escape") {
      e.preventDefault();
      closeDialog();
    } else if (e.key === "Tab") {
      const items = focusables();
      const i = items.indexOf(document.activeElement);
      const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i + 1) % items.length;
      e.preventDefault();
      items[next].focus();
    } else if (e.key === "Enter" && !["dlg-cancel", "dlg-retry"].includes(document.activeElement.id)
        && document.activeElement.tagName !== "SUMMARY") {
      e.preventDefault();
      confirm();
    }
  }

  function setTriggering(on) {
    triggering = on;
    $("trigger-spinner").hidden = !on;
    $("trigger-label").textContent = on ? "Triggering..." : "🔄 Trigger New Run";
    $("trigger-run").disabled = on;
    $("dlg-confirm").disabled = on;
    $("dlg-confirm").textContent = on ? "Triggering..." : "Start Run";
  }

  async function confirm() {
    if (triggering) return;
    for (const x of ["dlg-error", "dlg-max-error", "dlg-profile-error", "dlg-retry"]) $(x).hidden = true;
    const body = { profileName: $("dlg-profile").value || "default" };
    const max = $("dlg-max").value.trim();
    if (max !== "") {
      body.profileOverrides = { loopStrategy: { maxIterations: Number(max) } };
    }
    setTriggering(true);
    const r = await send(body);
    setTriggering(false);
    if (r.ok) {
      const run = r.data;
      if (run.message) {
        $("dlg-queued").textContent =
          `${run.message} Queue position: ${run.queuePosition ?? "—"}.`;
        $("dlg-queued").hidden = false;
        $("dlg-confirm").hidden = true;
        toast({ kind: "info", message: `Run #${run.runNumber} queued`,
          actions: [{ label: "View run", href: `/w/${ws}/executions/${run.runId}` }] });
        await load();
        return;
      }
      closeDialog();
      toast({ kind: "success", message: `Run #${run.runNumber} started` });
      window.location.assign(`/w/${ws}/executions/${run.runId}`);
      return;
    }
    const code = r.error && r.error.code;
    if (code === "RUN_ALREADY_ACTIVE") {
      closeDialog();
      toast({ kind: "error", message: "A run is already in progress for this work order" });
      await load();
    } else if (code === "WORK_ORDER_COMPLETE") {
      closeDialog();
      toast({ kind: "error", message: "This work order has already succeeded" });
      setTimeout(() => window.location.reload(), 800);
    } else if (r.status === 0) {
      showError("Could not connect to server. Please try again.");
      $("dlg-retry").hidden = false;
    } else if (code === "VALIDATION_ERROR") {
      const field = r.error.field || "";
      const target = field === "profileName" ? "dlg-profile-error" : "dlg-max-error";
      $("dlg-advanced").open = true;
      $(target).textContent = r.error.message;
      $(target).hidden = false;
    } else if (r.status >= 500) {
      closeDialog();
      toast({ kind: "error", message: r.error.message || "An unexpected error occurred" });
    } else {
      showError(r.error.message || "An unexpected error occurred");
    }
  }

  function showError(message) {
    $("dlg-error").textContent = message;
    $("dlg-error").hidden = false;
  }

  async function send(body) {
    const text = JSON.stringify(body);
    if (idempotencyKey === null || keyedBody !== text) {
      idempotencyKey = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
      keyedBody = text;
    }
    try {
      const response = await fetch(`${base}/runs`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "Idempotency-Key": idempotencyKey },
        body: text,
      });
      const json = await response.json().catch(() => ({}));
      return { status: response.status, ok: response.ok && json.success !== false, data: json.data,
        error: json.error || { code: "HTTP_" + response.status } };
    } catch (e) {
      return { status: 0, ok: false, error: { code: "NETWORK" } };
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("trigger-run").addEventListener("click", openDialog);
    $("dlg-cancel").addEventListener("click", closeDialog);
    $("dlg-confirm").addEventListener("click", confirm);
    $("dlg-retry").addEventListener("click", confirm);
    $("trigger-backdrop").addEventListener("click", (e) => { if (e.target.id === "trigger-backdrop") closeDialog(); });
    $("wo-approve").addEventListener("click", () => act("approve"));
    $("wo-accept").addEventListener("click", () => act("accept"));
    $("wo-cancel").addEventListener("click", () => act("cancel"));
    document.addEventListener("keydown", onKey);
    load();
    if (window.SBLive) {
      window.SBLive.subscribe("work-order:" + id, (m) => { if (m.type === "event") load(); });
    }
  });
})();
