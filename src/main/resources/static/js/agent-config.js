// The agent page's Configuration card: export the agent as switchboard-agent/1 JSON, and copy it
// as a new draft into a workspace the caller administers (with a dry-run preview first).
(function () {
  "use strict";
  const { ws, api, el } = window.SB;
  const agent = document.body.dataset.agent;
  const result = () => document.getElementById("config-result");

  async function exported() {
    const r = await api("GET", `/api/workspaces/${ws}/agents/${agent}/export-config`);
    if (!r.ok) {
      show(r.error.message, false);
      return null;
    }
    return r.data;
  }

  function show(message, ok, link) {
    const box = result();
    box.className = "integration-result " + (ok ? "result-ok" : "result-error");
    box.replaceChildren(message);
    if (link) box.append(" ", link);
  }

  async function download() {
    const config = await exported();
    if (!config) return;
    const blob = new Blob([JSON.stringify(config, null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: (config.name || "agent").replace(/[^\w.-]+/g, "-") + ".json" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    show("Configuration exported.", true);
  }

  async function copy(dryRun) {
    const config = await exported();
    if (!config) return;
    const target = document.getElementById("config-target").value;
    const r = await api("POST", `/api/workspaces/${target}/agents/import${dryRun ? "?dryRun=true" : ""}`, config);
    if (!r.ok) {
      show(r.error.message + (r.error.field ? ` (${r.error.field})` : ""), false);
      return;
    }
    const created = dryRun ? r.data.agent : r.data;
    const triggers = (created.triggers || []).length;
    const what = `draft agent "${created.name}" with ${triggers} trigger${triggers === 1 ? "" : "s"}`;
    if (dryRun) {
      show("Would create a " + what + ".", true);
    } else {
      show("Created a " + what + ".", true, el("a", { href: `/w/${target}/agents/${created.id}` }, "Open it"));
    }
  }

  async function targets() {
    const r = await api("GET", "/api/workspaces");
    if (!r.ok) return;
    const managed = r.data.filter((w) => w.role === "owner" || w.role === "admin");
    if (!managed.length) return;
    const select = document.getElementById("config-target");
    select.replaceChildren(...managed.map((w) =>
      el("option", { value: w.id, selected: w.id === ws }, w.name + (w.id === ws ? " (this one)" : ""))));
    for (const id of ["config-target-field", "config-preview", "config-import"]) {
      document.getElementById(id).hidden = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("config-export").addEventListener("click", download);
    document.getElementById("config-preview").addEventListener("click", () => copy(true));
    document.getElementById("config-import").addEventListener("click", () => copy(false));
    targets();
  });
})();
