// The agents list: one card row per agent with its last run and a Run Now button.
(function () {
  "use strict";
  const { ws, api, el, toast, badge } = window.SB;

  async function lastRun(agentId) {
    const r = await api("GET", `/api/workspaces/${ws}/agents/${agentId}/executions?page=1`);
    return r.ok && r.data.items.length ? r.data.items[0] : null;
  }

  async function runNow(agent, button) {
    button.disabled = true;
    const r = await api("POST", `/api/workspaces/${ws}/agents/${agent.id}/trigger`, {});
    button.disabled = false;
    if (r.ok) {
      toast({
        kind: "info",
        message: `Agent '${agent.name}' started.`,
        actions: [{ label: "Watch the run", href: `/w/${ws}/executions/${r.data.executionId}` }],
      });
    } else if (r.error.code === "AGENT_ALREADY_RUNNING") {
      toast({
        kind: "warning",
        message: r.error.message,
        actions: [{ label: "Current execution", href: `/w/${ws}/executions/${r.body.error.currentExecutionId || r.body.currentExecutionId}` }],
      });
    } else {
      toast({ kind: "error", message: r.error.message, timeout: 0 });
    }
  }

  async function load() {
    const r = await api("GET", `/api/workspaces/${ws}/agents`);
    document.getElementById("agents-loading").hidden = true;
    if (!r.ok) {
      toast({ kind: "error", message: r.error.message, timeout: 0 });
      return;
    }
    const list = document.getElementById("agent-list");
    document.getElementById("agents-empty").hidden = r.data.length > 0;
    for (const a of r.data) {
      const last = el("span", { class: "muted last-run" }, "Last run: …");
      const button = el("button", { type: "button", class: "btn btn-primary btn-small" }, "Run Now");
      button.setAttribute("aria-label", `Run ${a.name} now`);
      button.addEventListener("click", () => runNow(a, button));
      list.append(el("li", { class: "agent-row" },
        el("div", { class: "agent-row-main" },
          el("a", { href: `/w/${ws}/agents/${a.id}`, class: "agent-link" }, a.name),
          el("div", { class: "badges" }, badge(a.kind, "badge-kind"), badge(a.status)),
          a.goal ? el("p", { class: "muted goal" }, a.goal) : null),
        el("div", { class: "agent-row-side" }, last, button)));
      lastRun(a.id).then((run) => {
        last.replaceChildren("Last run: ");
        if (run) last.append(badge(run.status));
        else last.append("never");
      });
    }
  }

  document.addEventListener("DOMContentLoaded", load);
})();
