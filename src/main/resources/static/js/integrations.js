// The integrations page: one form per kind; saves with PUT, checks with POST …/test.
(function () {
  "use strict";
  const { ws, api, toast, setBadge } = window.SB;

  const path = (kind) => `/api/workspaces/${ws}/integrations/${kind}`;

  function show(card, view) {
    const form = card.querySelector("form");
    setBadge(card.querySelector("[data-status]"), view.connected ? "connected" : "disconnected");
    card.querySelector("[data-disconnect]").hidden = !view.connected;
    for (const input of form.elements) {
      if (!input.name || input.type === "hidden") continue;
      if (input.dataset.secret !== undefined) {
        input.value = "";
        input.placeholder = view[input.name + "Set"] ? "•••• set" : "";
      } else if (input.type === "checkbox") {
        input.checked = !!view[input.name];
      } else if (view[input.name] !== undefined && view[input.name] !== null) {
        input.value = view[input.name];
      }
    }
    showProviderFields(form);
  }

  /** Shows the fields of the chosen provider only (data-provider="smtp" …), and sends only those. */
  function showProviderFields(form) {
    const provider = form.elements.provider;
    if (!provider || provider.tagName !== "SELECT") return;
    for (const field of form.querySelectorAll("[data-provider]")) {
      field.hidden = field.dataset.provider !== provider.value;
    }
  }

  function body(form) {
    const out = {};
    for (const input of form.elements) {
      if (!input.name || input.closest("[hidden]")) continue;
      if (input.type === "checkbox") out[input.name] = input.checked;
      else if (input.type === "number") { if (input.value !== "") out[input.name] = Number(input.value); }
      else if (input.value.trim() !== "") out[input.name] = input.value.trim();
    }
    return out;
  }

  function result(card, ok, message) {
    const p = card.querySelector(".integration-result");
    p.textContent = message;
    p.className = "integration-result " + (ok ? "result-ok" : "result-error");
  }

  function wire(card) {
    const kind = card.dataset.kind;
    const form = card.querySelector("form");
    form.addEventListener("change", () => showProviderFields(form));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const r = await api("PUT", path(kind), body(form));
      if (r.ok) {
        show(card, r.data);
        result(card, true, "Saved.");
      } else {
        const field = r.error.field && form.elements[r.error.field];
        if (field && field.focus) field.focus();
        result(card, false, r.error.message);
      }
    });
    card.querySelector("[data-test]").addEventListener("click", async (e) => {
      e.target.disabled = true;
      result(card, true, "Testing…");
      const r = await api("POST", path(kind) + "/test");
      e.target.disabled = false;
      if (r.ok) result(card, r.data.ok, r.data.message);
      else result(card, false, r.error.message);
    });
    card.querySelector("[data-disconnect]").addEventListener("click", async () => {
      const r = await api("DELETE", path(kind));
      if (r.ok) {
        show(card, r.data);
        result(card, true, "Disconnected.");
      } else {
        toast({ kind: "error", message: r.error.message });
      }
    });
  }

  async function load() {
    const r = await api("GET", `/api/workspaces/${ws}/integrations`);
    if (!r.ok) {
      toast({ kind: "error", message: r.error.message, timeout: 0 });
      return;
    }
    for (const view of r.data) {
      const card = document.querySelector(`.integration[data-kind="${view.kind}"]`);
      if (card) show(card, view);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".integration").forEach(wire);
    load();
  });
})();
