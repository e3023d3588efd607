// One contact: details, tags, custom fields and the activity timeline.
(function () {
  "use strict";
  const { ws, api, el, toast, fmtTime } = window.SB;
  const id = document.body.dataset.contact;

  function row(label, value) {
    return el("div", {}, el("dt", {}, label), el("dd", {}, value === null || value === undefined || value === "" ? "—" : String(value)));
  }

  async function load() {
    const r = await api("GET", `/api/workspaces/${ws}/contacts/${id}`);
    if (!r.ok) {
      document.getElementById("contact-name").textContent = "Contact not found";
      toast({ kind: "error", message: r.error.message, timeout: 0 });
      return;
    }
    const c = r.data;
    const name = [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email;
    document.getElementById("contact-name").textContent = name;
    document.getElementById("crumb-contact").textContent = name;
    document.title = name + " · Switchboard";
    document.getElementById("contact-title").textContent = c.title || "";
    document.getElementById("contact-tags").replaceChildren(...(c.tags || []).map((t) => el("span", { class: "tag" }, t)));
    let company = null;
    if (c.companyId) {
      const co = await api("GET", `/api/workspaces/${ws}/companies/${c.companyId}`);
      if (co.ok) company = co.data.name;
    }
    document.getElementById("contact-details").replaceChildren(
      row("Email", c.email), row("Phone", c.phone), row("City", c.city), row("Status", c.status),
      row("Company", company), row("LinkedIn", c.linkedinUrl), row("Replied", c.replied ? "yes" : "no"),
      row("Created", fmtTime(c.createdAt)), row("Updated", fmtTime(c.updatedAt)));
    const custom = Object.entries(c.customFields || {});
    document.getElementById("contact-custom").replaceChildren(...custom.map(([k, v]) => row(k, v)));
    document.getElementById("custom-empty").hidden = custom.length > 0;

    const a = await api("GET", `/api/workspaces/${ws}/activities?contactId=${id}`);
    if (a.ok) {
      document.getElementById("contact-activities").replaceChildren(...a.data.map((x) =>
        el("li", {}, el("time", { class: "muted", datetime: x.createdAt }, fmtTime(x.createdAt)),
          el("span", { class: "tag" }, x.type), el("span", {}, x.text))));
      document.getElementById("activities-empty").hidden = a.data.length > 0;
    }
  }

  document.addEventListener("DOMContentLoaded", load);
})();
