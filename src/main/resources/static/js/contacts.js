// The contacts list: search, tag filter and pages, from the JSON API.
(function () {
  "use strict";
  const { ws, api, el, toast } = window.SB;
  let page = 1;

  function fullName(c) {
    return [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email;
  }

  async function loadTags() {
    const r = await api("GET", `/api/workspaces/${ws}/tags`);
    if (!r.ok) return;
    const select = document.getElementById("contact-tag");
    for (const t of r.data) select.append(el("option", { value: t.name }, `${t.name} (${t.contacts})`));
  }

  async function load() {
    const search = document.getElementById("contact-search").value.trim();
    const tag = document.getElementById("contact-tag").value;
    const q = new URLSearchParams({ page: String(page) });
    if (search) q.set("search", search);
    if (tag) q.set("tag", tag);
    const r = await api("GET", `/api/workspaces/${ws}/contacts?${q}`);
    if (!r.ok) {
      toast({ kind: "error", message: r.error.message, timeout: 0 });
      return;
    }
    const rows = document.getElementById("contact-rows");
    rows.replaceChildren();
    for (const c of r.data.items) {
      rows.append(el("tr", { class: "contact-row" },
        el("td", {}, el("a", { href: `/w/${ws}/contacts/${c.id}` }, fullName(c))),
        el("td", { class: "mono" }, c.email),
        el("td", {}, c.title || ""),
        el("td", {}, ...(c.tags || []).map((t) => el("span", { class: "tag" }, t)))));
    }
    const total = r.data.total;
    document.getElementById("contacts-summary").textContent =
      total === 0 ? "No contacts found." : `${total} contact${total === 1 ? "" : "s"}`;
    document.getElementById("page-info").textContent = r.data.pages > 1 ? `Page ${page} of ${r.data.pages}` : "";
    document.getElementById("prev-page").disabled = page <= 1;
    document.getElementById("next-page").disabled = page >= r.data.pages;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("contact-filters").addEventListener("submit", (e) => {
      e.preventDefault();
      page = 1;
      load();
    });
    document.getElementById("contact-tag").addEventListener("change", () => { page = 1; load(); });
    document.getElementById("prev-page").addEventListener("click", () => { page--; load(); });
    document.getElementById("next-page").addEventListener("click", () => { page++; load(); });
    loadTags();
    load();
  });
})();
