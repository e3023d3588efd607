// The Outbox page: emails the outbox provider kept, newest first, each with its run.
(function () {
  "use strict";
  const { ws, api, el, toast, fmtTime } = window.SB;

  async function load() {
    const r = await api("GET", `/api/workspaces/${ws}/outbox?limit=100`);
    if (!r.ok) {
      toast({ kind: "error", message: r.error.message, timeout: 0 });
      return;
    }
    const list = document.getElementById("outbox-list");
    list.replaceChildren();
    for (const m of r.data) {
      list.append(el("li", { class: "card outbox-email" },
        el("div", { class: "outbox-head" },
          el("strong", { class: "outbox-subject" }, m.subject || "(no subject)"),
          el("time", { class: "muted", datetime: m.caughtAt }, fmtTime(m.caughtAt))),
        el("div", { class: "muted" }, "From ", el("span", { class: "mono" }, m.from),
          " to ", el("span", { class: "mono outbox-to" }, m.to),
          m.executionId ? " · " : null,
          m.executionId ? el("a", { href: `/w/${ws}/executions/${m.executionId}` }, "View run") : null),
        el("pre", { class: "outbox-body" }, m.body)));
    }
    const n = r.data.length;
    document.getElementById("outbox-summary").textContent =
      n === 0 ? "No emails yet. Run an agent that sends email and they appear here." : `${n} email${n === 1 ? "" : "s"}, newest first`;
  }

  document.addEventListener("DOMContentLoaded", load);
})();
