// Chat console: the workspace's conversation, command completion for "/", and live updates of
// the work orders its /task commands started.
(function () {
  "use strict";
  const { ws, api, el } = window.SB;
  const $ = (x) => document.getElementById(x);
  const COMMANDS = ["/task ", "/task @", "/run ", "/stop ", "/status", "/help"];
  const READ_ONLY = ["/status", "/help"];
  const viewer = document.body.dataset.role === "viewer";
  const watched = new Set();
  const pending = new Map(); // clientMessageId -> fallback timer, while its reply is awaited
  const followed = new Set(); // work orders whose chat:update messages come over the socket
  const REPLY_WAIT_MS = 3000;
  let selected = -1;

  function links(m) {
    const out = [];
    if (m.workOrderId) out.push(el("a", { href: `/w/${ws}/work-orders/${m.workOrderId}`, class: "chat-link" }, "work order"));
    if (m.executionId) out.push(el("a", { href: `/w/${ws}/executions/${m.executionId}`, class: "chat-link" }, "run"));
    return out;
  }

  function show(m) {
    const who = m.author ? m.author.email : "Switchboard";
    const item = el("li", { class: m.kind ? "msg-" + m.kind : "" },
      el("strong", {}, who + ": "), m.text, ...links(m).flatMap((a) => [" ", a]));
    if (m.workOrderId) {
      item.dataset.workOrder = m.workOrderId;
      watch(m.workOrderId);
    }
    append(item);
  }

  function append(item) {
    $("chat-log").append(item);
    $("chat-log").scrollTop = $("chat-log").scrollHeight;
  }

  /** One line per task, kept up to date as chat:update messages come: queued → running → done. */
  function progress(u) {
    let line = document.querySelector(`li.chat-progress[data-progress="${u.workOrderId}"]`);
    if (!line) {
      line = el("li", { class: "chat-progress msg-info" });
      line.dataset.progress = u.workOrderId;
      append(line);
    }
    let text = `Run #${u.runNumber || 1}: ${u.status}`;
    if (u.status === "queued" && u.queuePosition) {
      text += ` — position ${u.queuePosition}`;
      if (u.queueReason) text += ` (${u.queueReason.message})`;
      if (u.estimatedStartAt) text += `, starts about ${new Date(u.estimatedStartAt).toLocaleTimeString()}`;
    }
    line.dataset.status = u.status;
    line.replaceChildren(el("strong", {}, "Switchboard: "), text,
      ...links({ workOrderId: u.workOrderId, executionId: u.executionId }).flatMap((a) => [" ", a]));
    $("chat-log").scrollTop = $("chat-log").scrollHeight;
  }

  function reply(a) {
    if (a.workOrder) followed.add(a.workOrder.id);
    show({ text: a.reply.text, kind: a.reply.kind,
      workOrderId: a.workOrder ? a.workOrder.id : null,
      executionId: a.execution ? a.execution.executionId : null });
  }

  function watch(workOrderId) {
    if (followed.has(workOrderId) || watched.has(workOrderId) || !window.SBLive) return;
    watched.add(workOrderId);
    window.SBLive.subscribe("work-order:" + workOrderId, (msg) => {
      if (msg.type !== "event" || msg.event !== "work-order:updated") return;
      const d = msg.data;
      show({ text: `Work order ${d.workOrderId}: ${d.status}` + (d.runNumber ? ` (run #${d.runNumber})` : ""),
        kind: "info", workOrderId: null, executionId: d.executionId });
    });
  }

  async function load() {
    const r = await api("GET", `/api/workspaces/${ws}/chat`);
    if (r.ok) r.data.forEach(show);
  }

  async function send(e) {
    e.preventDefault();
    const text = $("chat-input").value.trim();
    if (!text) return;
    $("chat-input").value = "";
    hideSuggest();
    const clientMessageId = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
    show({ author: { email: "you" }, text });
    const live = window.SBLive && window.SBLive.post({ type: "chat", workspaceId: ws, text, clientMessageId });
    // Without the socket, or without its reply in time, HTTP sends it: the same clientMessageId
    // makes that the same message, never a second task.
    pending.set(clientMessageId, setTimeout(() => overHttp(text, clientMessageId), live ? REPLY_WAIT_MS : 0));
  }

  async function overHttp(text, clientMessageId) {
    if (!pending.has(clientMessageId)) return;
    pending.delete(clientMessageId);
    const r = await api("POST", `/api/workspaces/${ws}/chat`, { text, clientMessageId });
    if (!r.ok) {
      show({ text: (r.error && r.error.message) || "Could not send", kind: "error" });
      return;
    }
    reply(r.data);
  }

  function fromSocket(msg) {
    if (!msg.clientMessageId || !pending.has(msg.clientMessageId)) return;
    clearTimeout(pending.get(msg.clientMessageId));
    pending.delete(msg.clientMessageId);
    if (msg.type === "chat:reply") reply(msg);
    else show({ text: msg.message || "Could not send", kind: "error" });
  }

  function suggestions(value) {
    if (!value.startsWith("/") || value.includes(" ")) return [];
    return COMMANDS.filter((c) => c.startsWith(value) && c.trim() !== value)
      .filter((c) => !viewer || READ_ONLY.includes(c.trim()));
  }

  function hideSuggest() {
    $("chat-suggest").hidden = true;
    $("chat-input").setAttribute("aria-expanded", "false");
    selected = -1;
  }

  function renderSuggest() {
    const list = suggestions($("chat-input").value);
    const box = $("chat-suggest");
    if (!list.length) return hideSuggest();
    box.replaceChildren(...list.map((c, i) => el("li", { role: "option", "aria-selected": String(i === selected),
      onmousedown: (e) => { e.preventDefault(); pick(c); } }, c)));
    box.hidden = false;
    $("chat-input").setAttribute("aria-expanded", "true");
  }

  function pick(c) {
    $("chat-input").value = c;
    hideSuggest();
    $("chat-input").focus();
  }

  function onKey(e) {
    const list = suggestions($("chat-input").value);
    if (!list.length || $("chat-suggest").hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      selected = (selected + (e.key === "ArrowDown" ? 1 : list.length - 1)) % list.length;
      renderSuggest();
    } else if (e.key === "Tab" || (e.key === "Enter" && selected >= 0)) {
      e.preventDefault();
      pick(list[Math.max(selected, 0)]);
    } else if (e.key === "Escape") {
      hideSuggest();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("chat-form").addEventListener("submit", send);
    $("chat-input").addEventListener("input", renderSuggest);
    $("chat-input").addEventListener("keydown", onKey);
    if (window.SBLive) {
      window.SBLive.on("chat:reply", fromSocket);
      window.SBLive.on("error", fromSocket);
      window.SBLive.on("chat:update", (u) => { if (followed.has(u.workOrderId)) progress(u); });
    }
    load();
  });
})();
