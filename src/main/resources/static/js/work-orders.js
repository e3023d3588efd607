// Work orders list: status filter, and a form for a new draft (members and above).
(function () {
  "use strict";
  const { ws, api, el, toast, fmtTime } = window.SB;
  const $ = (x) => document.getElementById(x);
  const base = `/api/workspaces/${ws}/work-orders`;

  async function load() {
    const status = $("wo-filter").value;
    const r = await api("GET", base + (status ? "?status=" + encodeURIComponent(status) : ""));
    if (!r.ok) {
      toast({ kind: "error", message: r.error.message });
      return;
    }
    const items = r.data.items;
    $("wo-empty").hidden = items.length > 0;
    $("wo-table").hidden = items.length === 0;
    $("wo-rows").replaceChildren(...items.map((w) =>
      el("tr", {},
        el("td", {}, el("a", { href: `/w/${ws}/work-orders/${w.id}` }, w.title)),
        el("td", {}, el("span", { class: "badge badge-" + w.status }, w.status)),
        el("td", {}, String(w.runCount)),
        el("td", {}, fmtTime(w.createdAt)))));
  }

  async function create(e) {
    e.preventDefault();
    const r = await api("POST", base, { title: $("wo-title").value, prompt: $("wo-prompt").value || null });
    if (!r.ok) {
      $("wo-error").textContent = r.error.message;
      $("wo-error").hidden = false;
      return;
    }
    window.location.assign(`/w/${ws}/work-orders/${r.data.id}`);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("new-wo-card").hidden = document.body.dataset.role === "viewer";
    $("new-wo").addEventListener("submit", create);
    $("wo-filter").addEventListener("change", load);
    load();
  });
})();
