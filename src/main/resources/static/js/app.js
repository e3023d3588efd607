// Shared helpers for every page: the JSON API, toasts, formatting and the notification bell.
(function () {
  "use strict";

  const ws = document.body.dataset.ws;

  /** Calls the JSON API with the session cookie; resolves to {status, ok, data, error, body}. */
  async function api(method, path, body) {
    const init = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      return { status: 0, ok: false, error: { code: "NETWORK", message: "Network error: " + e.message }, body: {} };
    }
    let json = {};
    try {
      json = await response.json();
    } catch (e) {
      json = {};
    }
    if (response.status === 401) {
      window.location.assign("/login");
    }
    return {
      status: response.status,
      ok: response.ok && json.success !== false,
      data: json.data,
      error: json.error || (response.ok ? null : { code: "HTTP_" + response.status, message: "Request failed (" + response.status + ")" }),
      body: json,
    };
  }

  /** Builds an element: el("a", {href: "/x", class: "btn"}, "text", child…). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }

  /**
   * Shows a toast in the polite live region. kind: success | error | info | warning.
   * actions: [{label, href} | {label, onClick}]. timeout: ms, 0 keeps it until closed.
   */
  function toast({ kind = "info", message, actions = [], timeout = 12000 }) {
    const box = document.getElementById("toasts");
    const close = el("button", { type: "button", class: "toast-close", "aria-label": "Dismiss notification" }, "×");
    const node = el("div", { class: "toast toast-" + kind },
      el("p", { class: "toast-message" }, message));
    if (actions.length) {
      const row = el("div", { class: "toast-actions" });
      for (const a of actions) {
        row.append(a.href
          ? el("a", { href: a.href, class: "toast-link" }, a.label)
          : el("button", { type: "button", class: "btn btn-small", onclick: () => { node.remove(); a.onClick(); } }, a.label));
      }
      node.append(row);
    }
    node.append(close);
    close.addEventListener("click", () => node.remove());
    box.append(node);
    if (timeout > 0) setTimeout(() => node.remove(), timeout);
    return node;
  }

  function badge(status, extraClass) {
    return el("span", { class: "badge badge-" + (status || "none") + (extraClass ? " " + extraClass : "") }, status || "—");
  }

  function setBadge(node, status) {
    node.className = "badge badge-" + (status || "none");
    node.textContent = status || "—";
  }

  function fmtTime(iso) {
    if (!iso) return "—";
    const d = new Date(iso);
    return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
  }

  function fmtDuration(ms) {
    if (ms === null || ms === undefined) return "—";
    if (ms < 1000) return ms + " ms";
    const s = ms / 1000;
    if (s < 60) return s.toFixed(1) + " s";
    const m = Math.floor(s / 60);
    return m + " min " + Math.round(s % 60) + " s";
  }

  const ACTIVE = ["queued", "running"];
  const TERMINAL = ["completed", "failed", "canceled", "skipped"];

  // The notification bell: unread count, and the recent items in a drop-down.
  async function loadNotifications() {
    if (!ws) return;
    const r = await api("GET", `/api/workspaces/${ws}/notifications`);
    if (!r.ok) return;
    const count = document.getElementById("bell-count");
    const unread = r.data.unread || 0;
    count.textContent = unread > 99 ? "99+" : String(unread);
    count.hidden = unread === 0;
    document.getElementById("bell").setAttribute("aria-label", `Notifications, ${unread} unread`);
    const list = document.getElementById("notification-list");
    list.replaceChildren();
    const items = r.data.items || [];
    if (!items.length) list.append(el("li", { class: "muted" }, "No notifications"));
    for (const n of items) list.append(notificationItem(n));
    list.append(el("li", { class: "notification-all" },
      el("a", { href: `/w/${ws}/notifications` }, "All notifications")));
  }

  /** One notification, a link to what it is about when it names a page of ours. */
  function notificationItem(n) {
    const text = n.message || "";
    const local = typeof n.link === "string" && n.link.startsWith("/") && !n.link.startsWith("//");
    return el("li", { class: n.read ? "" : "unread" },
      local ? el("a", { href: n.link }, text) : el("span", {}, text),
      el("time", { class: "muted", datetime: n.createdAt }, fmtTime(n.createdAt)));
  }

  function wireBell() {
    const bell = document.getElementById("bell");
    if (!bell) return;
    const panel = document.getElementById("notifications");
    bell.addEventListener("click", async () => {
      const open = panel.hidden;
      panel.hidden = !open;
      bell.setAttribute("aria-expanded", String(open));
      if (open) {
        await loadNotifications();
        const r = await api("POST", `/api/workspaces/${ws}/notifications/read`);
        if (r.ok) document.getElementById("bell-count").hidden = true;
      }
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !panel.hidden) {
        panel.hidden = true;
        bell.setAttribute("aria-expanded", "false");
        bell.focus();
      }
    });
    loadNotifications();
    setInterval(loadNotifications, 30000);
  }

  window.SB = { ws, api, el, toast, badge, setBadge, fmtTime, fmtDuration, notificationItem, ACTIVE, TERMINAL };
  document.addEventListener("DOMContentLoaded", wireBell);
})();
