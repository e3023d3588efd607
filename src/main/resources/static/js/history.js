// Execution history (story 3.14): an agent's runs on its page, or every run of the workspace on
// /w/{ws}/executions. Filters are kept in the page's URL; Export takes exactly the list's filters;
// runs in progress appear and change live (WebSocket events, polling as the fallback).
(function () {
  "use strict";
  const { ws, api, el, toast, badge, fmtTime, fmtDuration, ACTIVE } = window.SB;
  const section = document.getElementById("history");
  if (!section) return;
  const workspaceWide = section.dataset.scope === "workspace";
  const agentId = document.body.dataset.agent;
  const listPath = workspaceWide
    ? `/api/workspaces/${ws}/executions`
    : `/api/workspaces/${ws}/agents/${agentId}/executions`;

  const form = document.getElementById("history-filters");
  const range = document.getElementById("f-range");
  const FIELDS = ["status", "range", "from", "to", "search"];

  let page = 1;
  let pages = 1;
  let pollTimer = null;
  let reloadTimer = null;

  /** The filters as the page's URL keeps them (the form's values; a custom range as from/to). */
  function urlFilters() {
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const v = form.elements[name].value.trim();
      if (!v) continue;
      if ((name === "from" || name === "to") && range.value !== "custom") continue;
      params.set(name, v);
    }
    return params;
  }

  /** The filters as the API takes them: "custom" is from/to, and "to" includes its whole day. */
  function apiFilters() {
    const params = urlFilters();
    if (params.get("range") === "custom") params.delete("range");
    const to = params.get("to");
    if (to) {
      const next = new Date(to + "T00:00:00Z");
      next.setUTCDate(next.getUTCDate() + 1);
      params.set("to", next.toISOString().slice(0, 10));
    }
    return params;
  }

  function showCustom() {
    const custom = range.value === "custom";
    document.getElementById("f-custom-from").hidden = !custom;
    document.getElementById("f-custom-to").hidden = !custom;
  }

  function readUrl() {
    const q = new URLSearchParams(window.location.search);
    for (const name of FIELDS) if (q.has(name)) form.elements[name].value = q.get(name);
    if (!q.get("range") && (q.get("from") || q.get("to"))) range.value = "custom";
    const p = parseInt(q.get("page") || "1", 10);
    page = Number.isFinite(p) && p > 0 ? p : 1;
    showCustom();
  }

  function writeUrl() {
    const params = urlFilters();
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function updateExports() {
    const filters = apiFilters().toString();
    for (const format of ["csv", "json"]) {
      document.getElementById("export-" + format).href =
        `${listPath}/export?format=${format}${filters ? "&" + filters : ""}`;
    }
  }

  function link(id, text) {
    return el("a", { href: `/w/${ws}/executions/${id}`, class: "mono", title: id }, text);
  }

  function row(e) {
    const result = e.error ? e.error.message || "Execution failed"
      : e.status === "completed" ? `Processed ${e.processedCount || 0}`
        : e.status === "skipped" ? (e.reason || "Skipped")
          : e.status === "queued" ? window.SBQueue.queueText(e) : (e.progress || "");
    const agentName = e.agentDeleted ? `Agent '${e.agentName}' (deleted)` : e.agentName;
    return el("tr", { "data-execution": e.executionId, "data-status": e.status },
      el("td", { "data-label": "ExecutionId" }, link(e.executionId, e.executionId.slice(0, 8))),
      workspaceWide
        ? el("td", { "data-label": "Agent" },
          e.agentDeleted ? agentName : el("a", { href: `/w/${ws}/agents/${e.agentId}` }, agentName))
        : null,
      el("td", { "data-label": "Trigger" }, e.triggerType + (e.triggeredBy ? ` · ${e.triggeredBy}` : "")),
      el("td", { "data-label": "Status" }, badge(e.status)),
      el("td", { "data-label": "Started" }, fmtTime(e.startedAt || e.createdAt)),
      el("td", { "data-label": "Duration" }, fmtDuration(e.duration)),
      el("td", { "data-label": "Result", class: "result" }, result));
  }

  async function load() {
    writeUrl();
    updateExports();
    const params = apiFilters();
    params.set("page", String(page));
    const r = await api("GET", `${listPath}?${params}`);
    if (!r.ok) {
      toast({ kind: "error", message: r.error.message });
      return;
    }
    pages = Math.max(1, r.data.pages);
    const items = r.data.items;
    document.getElementById("history-rows").replaceChildren(...items.map(row));
    document.getElementById("history-empty").hidden = items.length > 0;
    // Beyond 10,000 rows the list stops counting: "10,000+", and Next stays on while pages are full.
    const capped = r.data.totalCapped;
    document.getElementById("page-info").textContent = capped
      ? `Page ${page} of ${pages}+ · ${r.data.total.toLocaleString("en-US")}+ executions`
      : `Page ${page} of ${pages} · ${r.data.total} executions`;
    document.getElementById("prev-page").disabled = page <= 1;
    document.getElementById("next-page").disabled =
      page >= pages && !(capped && items.length === r.data.pageSize);
    // While a listed run is in progress, poll too: events may be missed while reconnecting.
    const inProgress = items.some((e) => ACTIVE.includes(e.status) || e.status === "waiting");
    clearTimeout(pollTimer);
    if (inProgress) pollTimer = setTimeout(load, 3000);
  }

  function queueCell(executionId) {
    const row = document.querySelector(`#history-rows tr[data-execution="${executionId}"][data-status="queued"]`);
    return row ? row.querySelector(".result") : null;
  }

  /** Reloads soon, at most once a second however many events arrive. */
  function reloadSoon() {
    if (reloadTimer) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      load();
    }, 500);
  }

  /** execution:queued carries the new position and reason; other moves change the rows. */
  function onLive(msg) {
    if (msg.type !== "event" || !msg.event || !msg.event.startsWith("execution:")
      || msg.event === "execution:log") return;
    const cell = msg.event === "execution:queued" ? queueCell(msg.data.executionId) : null;
    if (cell) cell.textContent = window.SBQueue.queueText(msg.data);
    else reloadSoon();
  }

  range.addEventListener("change", showCustom);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    page = 1;
    load();
  });
  document.getElementById("prev-page").addEventListener("click", () => { page = Math.max(1, page - 1); load(); });
  document.getElementById("next-page").addEventListener("click", () => { page += 1; load(); });

  /** The agent page asks for a reload when it starts a run. */
  window.SBHistory = { reload: reloadSoon };

  document.addEventListener("DOMContentLoaded", () => {
    readUrl();
    load();
    const topic = workspaceWide ? `workspace:${ws}` : `workspace:${ws}:agent:${agentId}`;
    if (window.SBLive) window.SBLive.subscribe(topic, onLive);
  });
})();
