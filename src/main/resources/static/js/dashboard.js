// The workspace dashboard and an agent's dashboard tab: totals, the < 80 % warning, charts of the
// success rate and runs per day, and (workspace) the agents compared. State lives in the URL.
(function () {
  "use strict";
  const { ws, api, el } = window.SB;
  const agent = document.body.dataset.agent;
  const params = new URLSearchParams(window.location.search);
  const state = {
    dateRange: params.get("dateRange") || (params.get("from") ? "custom" : "30d"),
    from: params.get("from") || "",
    to: params.get("to") || "",
    compare: params.get("compare") !== "0",
    sort: params.get("sort") || "executions",
    order: params.get("order") || "desc",
  };
  const charts = {};

  const METRICS = [
    { key: "successRate", label: "Success rate", text: (d) => d.successText },
    { key: "failureRate", label: "Failure rate", text: (d) => d.failureRate + "%" },
    { key: "avgDurationMs", label: "Average time", text: (d) => d.durationText || "No finished runs" },
    { key: "contactsProcessed", label: "Contacts processed", text: (d) => String(d.contactsProcessed) },
    { key: "emailsSent", label: "Emails sent", text: (d) => String(d.emailsSent) },
    { key: "tasksCreated", label: "Tasks created", text: (d) => String(d.tasksCreated) },
    { key: "invitationsSent", label: "Invitations sent", text: (d) => String(d.invitationsSent) },
  ];

  function query() {
    const q = new URLSearchParams();
    if (state.dateRange === "custom") {
      if (state.from) q.set("from", state.from);
      if (state.to) q.set("to", state.to);
    } else {
      q.set("dateRange", state.dateRange);
    }
    if (!agent) {
      q.set("sort", state.sort);
      q.set("order", state.order);
    }
    return q;
  }

  function remember() {
    const q = query();
    if (!state.compare) q.set("compare", "0");
    window.history.replaceState(null, "", window.location.pathname + "?" + q.toString());
  }

  function metric(m, data) {
    const item = el("li", { class: "metric" },
      el("span", { class: "metric-label" }, m.label),
      el("span", { class: "metric-value", "data-metric": m.key }, m.text(data)));
    if (state.compare && data.previous) {
      item.append(el("span", { class: "metric-previous muted" }, "Previous period: " + m.text(data.previous)));
    }
    return item;
  }

  function chart(id, config) {
    if (!window.Chart) return;
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update();
      return;
    }
    charts[id] = new window.Chart(document.getElementById(id), config);
  }

  function draw(data) {
    const labels = data.byDay.map((d) => d.date);
    chart("chart-success", {
      type: "line",
      data: {
        labels,
        datasets: [{
          label: "Success rate %",
          data: data.byDay.map((d) => (d.completed + d.failed ? d.successRate : null)),
          borderColor: "#2b8a3e",
          backgroundColor: "#2b8a3e",
          spanGaps: true,
          tension: 0,
        }],
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100 } } },
    });
    chart("chart-runs", {
      type: "bar",
      data: {
        labels,
        datasets: [
          { label: "Completed", data: data.byDay.map((d) => d.completed), backgroundColor: "#2b8a3e" },
          { label: "Failed", data: data.byDay.map((d) => d.failed), backgroundColor: "#c92a2a" },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function table(rows) {
    const body = document.getElementById("compare-rows");
    body.replaceChildren(...rows.map((a) => el("tr", {},
      el("td", {}, el("a", { href: `/w/${ws}/agents/${a.agentId}/dashboard` }, a.name)),
      el("td", {}, String(a.executions)),
      el("td", {}, a.successRate + "%"),
      el("td", {}, String(a.contactsProcessed)))));
    document.getElementById("compare-empty").hidden = rows.length > 0;
    for (const th of document.querySelectorAll("#compare th[data-sort]")) {
      const sorted = th.dataset.sort === state.sort;
      th.setAttribute("aria-sort", sorted ? (state.order === "asc" ? "ascending" : "descending") : "none");
    }
  }

  async function load() {
    remember();
    const path = agent
      ? `/api/workspaces/${ws}/agents/${agent}/dashboard`
      : `/api/workspaces/${ws}/dashboard`;
    const r = await api("GET", path + "?" + query().toString());
    const error = document.getElementById("dash-error");
    error.hidden = r.ok;
    if (!r.ok) {
      error.textContent = r.error.message;
      return;
    }
    const data = r.data;
    document.getElementById("dash-metrics").replaceChildren(...METRICS.map((m) => metric(m, data)));
    const warning = document.getElementById("dash-warning");
    warning.hidden = !data.warning;
    if (data.warning) {
      document.getElementById("dash-warning-message").textContent = data.warning.message;
      document.getElementById("dash-warning-advice").textContent = data.warning.recommendation;
    }
    draw(data);
    if (!agent) table(data.agents);
  }

  async function name() {
    const r = await api("GET", `/api/workspaces/${ws}/agents/${agent}`);
    if (!r.ok) return;
    document.getElementById("crumb-agent").textContent = r.data.name;
    document.getElementById("dash-title").textContent = r.data.name + " · Dashboard";
    document.title = r.data.name + " dashboard · Switchboard";
  }

  function showCustom() {
    const custom = state.dateRange === "custom";
    for (const id of ["d-custom-from", "d-custom-to", "d-apply"]) {
      document.getElementById(id).hidden = !custom;
    }
  }

  function wire() {
    const range = document.getElementById("d-range");
    const from = document.getElementById("d-from");
    const to = document.getElementById("d-to");
    const compare = document.getElementById("d-compare");
    range.value = state.dateRange;
    from.value = state.from;
    to.value = state.to;
    compare.checked = state.compare;
    showCustom();
    range.addEventListener("change", () => {
      state.dateRange = range.value;
      showCustom();
      if (state.dateRange !== "custom") load();
    });
    compare.addEventListener("change", () => {
      state.compare = compare.checked;
      load();
    });
    document.getElementById("dash-period").addEventListener("submit", (e) => {
      e.preventDefault();
      state.from = from.value;
      state.to = to.value;
      load();
    });
    for (const th of document.querySelectorAll("#compare th[data-sort]")) {
      th.querySelector("button").addEventListener("click", () => {
        const column = th.dataset.sort;
        state.order = column === state.sort
          ? (state.order === "asc" ? "desc" : "asc")
          : (column === "name" ? "asc" : "desc");
        state.sort = column;
        load();
      });
    }
    if (agent) name();
    load();
  }

  document.addEventListener("DOMContentLoaded", wire);
})();
