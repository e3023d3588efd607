// An agent's triggers (SPEC "Triggers"): read aloud for the agent page, and edited in the agent
// editor — schedules with their next fire times, CRM events with a condition builder, webhooks
// with their URL, and Run Now filters. The editor keeps plain trigger JSON, as the API takes it.
(function () {
  "use strict";
  const { ws, api, el } = window.SB;
  const base = `/api/workspaces/${ws}`;
  const PREVIEW_DEBOUNCE_MS = 250;

  const DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
  const EVENTS = {
    "contact.created": "a contact is created",
    "contact.updated": "a contact is updated",
    "deal.stage_updated": "a deal moves stage",
    "form.submitted": "a form is submitted",
  };
  const EVENT_FIELDS = {
    "contact.created": ["contact.email", "contact.title", "contact.firstName", "contact.lastName", "company.name"],
    "contact.updated": ["contact.email", "contact.title", "contact.firstName", "contact.lastName", "company.name"],
    "deal.stage_updated": ["deal.stage", "deal.previousStage", "deal.value", "deal.name", "contact.email"],
    "form.submitted": ["form.email", "form.name", "contact.email", "contact.title"],
  };
  const FILTER_FIELDS = ["createdAt", "title", "email", "firstName", "lastName", "company"];
  const OPERATORS = ["==", "!=", ">", "<", ">=", "<=", "contains", "exists"];

  // ---- Reading triggers aloud --------------------------------------------------------------

  function dayName(day) {
    return day.charAt(0) + day.slice(1).toLowerCase();
  }

  function valueText(v) {
    return typeof v === "string" ? `"${v}"` : String(v);
  }

  /** deal.value > 10000, with all/any/not as and/or/not. */
  function conditionText(c, nested) {
    if (!c || typeof c !== "object") return "";
    if (Array.isArray(c.all) || Array.isArray(c.any)) {
      const parts = (c.all || c.any).map((p) => conditionText(p, true));
      const text = parts.join(c.all ? " and " : " or ");
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    if (c.not !== undefined) return `not ${conditionText(c.not, true)}`;
    if (c.operator === "exists") return `${c.field} is set`;
    return `${c.field} ${c.operator} ${valueText(c.value)}`;
  }

  /** "Every Monday at 08:00 (Europe/Berlin)", "When a deal moves stage and deal.value > 10000". */
  function describe(t) {
    switch (t.type) {
      case "schedule": {
        const zone = ` (${t.timezone || "UTC"})`;
        switch (t.frequency) {
          case "daily": return `Every day at ${t.time}${zone}`;
          case "weekly": return `Every ${dayName(t.dayOfWeek)} at ${t.time}${zone}`;
          case "monthly": return `Every month on day ${t.dayOfMonth} at ${t.time}${zone}`
            + (t.dayOfMonth > 28 ? ", or its last day when shorter" : "");
          default: return `On the cron schedule ${t.cron}${zone}`;
        }
      }
      case "event": {
        const when = `When ${EVENTS[t.event] || t.event}`;
        return t.condition ? `${when} and ${conditionText(t.condition, false)}` : when;
      }
      case "webhook":
        return "When its webhook URL receives a POST";
      default: {
        const filters = t.filters || [];
        return filters.length
          ? `Run Now, on contacts where ${filters.map((f) => conditionText(f, true)).join(" and ")}`
          : "Run Now, on all contacts";
      }
    }
  }

  /** An instant in the trigger's own zone: "Mon, 7 Dec 2026, 08:00". */
  function fireTime(iso, zone) {
    try {
      return new Date(iso).toLocaleString("en-GB", {
        timeZone: zone || "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric",
        hour: "2-digit", minute: "2-digit",
      });
    } catch (e) {
      return iso;
    }
  }

  function absoluteUrl(path) {
    return `${location.origin}${path}`;
  }

  // ---- The editor ----------------------------------------------------------------------------

  let uid = 0;
  const nextId = () => `trg${++uid}`;

  const TIME_ZONES = (() => {
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return zones.includes("UTC") ? zones : ["UTC", ...zones];
  })();
  const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

  /** A labelled control; the error line under it is filled by showError. */
  function field(labelText, control, { path, hint, className } = {}) {
    const id = control.id || (control.id = nextId());
    const error = el("p", { class: "field-error", id: `${id}-error`, hidden: true });
    control.setAttribute("aria-describedby", [hint ? `${id}-hint` : null, error.id].filter(Boolean).join(" "));
    if (path) control.dataset.path = path;
    return el("div", { class: `field ${className || ""}` },
      el("label", { for: id }, labelText),
      control,
      hint ? el("p", { class: "field-hint", id: `${id}-hint` }, hint) : null,
      error);
  }

  function select(options, value) {
    const s = el("select", {});
    for (const [v, label] of options) s.append(el("option", { value: v }, label));
    if (value !== undefined && value !== null) {
      if (![...s.options].some((o) => o.value === String(value))) s.append(el("option", { value }, value));
      s.value = String(value);
    }
    return s;
  }

  /** A typed value from what was typed: numbers and true/false as JSON, the rest as text. */
  function typed(text) {
    const t = text.trim();
    if (t === "true") return true;
    if (t === "false") return false;
    if (t !== "" && !Number.isNaN(Number(t))) return Number(t);
    return text;
  }

  /**
   * Rows of {field, operator, value}. `pathOf(i, key)` names the API field of row i, so a 400 can
   * land on its control; `joinable` adds the AND/OR choice of a condition.
   */
  function compareRows({ rows, fields, joinable, join, legend, pathOf, onChange }) {
    const list = el("div", { class: "compare-rows" });
    const joinSelect = select([["all", "All of these (AND)"], ["any", "Any of these (OR)"]], join || "all");
    const datalist = el("datalist", { id: nextId() }, ...fields.map((f) => el("option", { value: f })));
    const box = el("fieldset", { class: "compare-box" }, el("legend", {}, legend), datalist);
    if (joinable) box.append(field("Match", joinSelect, { className: "compare-join" }));
    box.append(list);
    const add = el("button", { type: "button", class: "btn btn-small" }, "Add a rule");
    box.append(add);
    const state = [];

    function renumber() {
      state.forEach((r, i) => {
        r.node.setAttribute("aria-label", `Rule ${i + 1}`);
        r.field.dataset.path = pathOf(i, "field", state.length, joinSelect.value);
        r.operator.dataset.path = pathOf(i, "operator", state.length, joinSelect.value);
        r.value.dataset.path = pathOf(i, "value", state.length, joinSelect.value);
      });
      if (joinable) joinSelect.closest(".field").hidden = state.length < 2;
    }

    function addRow(c) {
      const f = el("input", { type: "text", autocomplete: "off", list: datalist.id, value: c.field || "" });
      const op = select(OPERATORS.map((o) => [o, o]), c.operator || "==");
      const v = el("input", { type: "text", autocomplete: "off", value: c.value === undefined || c.operator === "exists" ? "" : String(c.value) });
      const valueField = field("Value", v);
      const remove = el("button", { type: "button", class: "btn btn-small btn-danger", "aria-label": "Remove this rule" },
        "Remove rule");
      const node = el("div", { class: "compare-row", role: "group" },
        field("Field", f), field("Operator", op), valueField, remove);
      const row = { field: f, operator: op, value: v, node };
      remove.addEventListener("click", () => {
        state.splice(state.indexOf(row), 1);
        node.remove();
        renumber();
        onChange();
      });
      const syncExists = () => { valueField.hidden = op.value === "exists"; };
      op.addEventListener("change", syncExists);
      syncExists();
      for (const control of [f, op, v]) control.addEventListener("input", onChange);
      op.addEventListener("change", onChange);
      state.push(row);
      list.append(node);
      renumber();
      return row;
    }

    add.addEventListener("click", () => {
      addRow({}).field.focus();
      onChange();
    });
    joinSelect.addEventListener("change", () => { renumber(); onChange(); });
    for (const r of rows) addRow(r);
    renumber();

    return {
      node: box,
      compares: () => state
        .filter((r) => r.field.value.trim())
        .map((r) => ({
          field: r.field.value.trim(),
          operator: r.operator.value,
          value: r.operator.value === "exists" ? true : typed(r.value.value),
        })),
      join: () => joinSelect.value,
    };
  }

  /** The rows a condition can be edited as: one compare, or all/any of compares; else null. */
  function rowsOf(condition) {
    if (!condition) return { rows: [], join: "all" };
    if (condition.field !== undefined) return { rows: [condition], join: "all" };
    const parts = condition.all || condition.any;
    if (Array.isArray(parts) && parts.every((p) => p && p.field !== undefined)) {
      return { rows: parts, join: condition.all ? "all" : "any" };
    }
    return null;
  }

  function scheduleFields(t, card, changed) {
    const frequency = select([["daily", "Daily"], ["weekly", "Weekly"], ["monthly", "Monthly"], ["cron", "Cron expression"]], t.frequency || "weekly");
    const time = el("input", { type: "time", value: t.time || "09:00", required: true });
    const day = select(DAYS.map((d) => [d, dayName(d)]), t.dayOfWeek || "MONDAY");
    const dom = el("input", { type: "number", min: "1", max: "31", step: "1", inputmode: "numeric", value: t.dayOfMonth || 1 });
    const cron = el("input", { type: "text", autocomplete: "off", spellcheck: "false", class: "mono-input", value: t.cron || "0 0 9 * * MON-FRI" });
    const zone = select(TIME_ZONES.map((z) => [z, z]), t.timezone || BROWSER_ZONE);
    const runs = el("ol", { class: "next-runs" });
    const status = el("p", { class: "muted next-runs-status" }, "Working out the next fire times…");
    const preview = el("div", { class: "next-runs-box", "aria-live": "polite" },
      el("h4", {}, "Next 5 fire times"), status, runs);
    const grid = el("div", { class: "trigger-grid" },
      field("Frequency", frequency, { path: "frequency" }),
      field("Time", time, { path: "time" }),
      field("Day of week", day, { path: "dayOfWeek" }),
      field("Day of month", dom, { path: "dayOfMonth", hint: "31 fires on the last day of shorter months." }),
      field("Cron", cron, { path: "cron", hint: "5 fields, or 6 with seconds first." }),
      field("Time zone", zone, { path: "timezone" }));
    card.append(grid, preview);

    function shape() {
      const f = frequency.value;
      time.closest(".field").hidden = f === "cron";
      day.closest(".field").hidden = f !== "weekly";
      dom.closest(".field").hidden = f !== "monthly";
      cron.closest(".field").hidden = f !== "cron";
    }

    function value() {
      const out = { type: "schedule", frequency: frequency.value, timezone: zone.value };
      if (t.id) out.id = t.id;
      if (frequency.value === "cron") out.cron = cron.value;
      else out.time = time.value;
      if (frequency.value === "weekly") out.dayOfWeek = day.value;
      if (frequency.value === "monthly") out.dayOfMonth = dom.value === "" ? null : Number(dom.value);
      return out;
    }

    let seq = 0;
    let timer = null;
    async function refresh() {
      const mine = ++seq;
      const sent = value();
      delete sent.id;
      const r = await api("POST", `${base}/triggers/preview`, { trigger: sent });
      if (mine !== seq) return;
      clearErrors(card);
      runs.replaceChildren();
      if (r.ok) {
        status.hidden = r.data.nextRuns.length > 0;
        status.textContent = "This schedule never fires.";
        for (const at of r.data.nextRuns) {
          runs.append(el("li", {}, el("time", { datetime: at }, fireTime(at, sent.timezone))));
        }
      } else {
        status.hidden = false;
        status.textContent = "Fix the schedule to see when it fires.";
        const rest = r.error && r.error.field ? r.error.field.replace(/^trigger\.?/, "") : "";
        showErrorIn(card, rest, r.error ? r.error.message : "The preview is not available.");
      }
    }

    function onEdit() {
      shape();
      clearTimeout(timer);
      timer = setTimeout(refresh, PREVIEW_DEBOUNCE_MS);
      changed();
    }
    for (const control of [frequency, day, zone]) control.addEventListener("change", onEdit);
    for (const control of [time, dom, cron]) control.addEventListener("input", onEdit);
    shape();
    refresh();
    return value;
  }

  function eventFields(t, card, changed, forms) {
    const event = select(Object.entries(EVENTS).map(([v, label]) => [v, `When ${label} (${v})`]), t.event || "contact.created");
    const form = select([["", "Any form"], ...forms.map((f) => [f.id, f.name || f.id])], t.formId || "");
    const formField = field("Form", form, { path: "formId" });
    card.append(field("Event", event, { path: "event" }), formField);
    const editable = rowsOf(t.condition);
    let rows = null;
    const conditionBox = el("div", {});
    card.append(conditionBox);

    function build(start) {
      rows = compareRows({
        rows: start.rows,
        join: start.join,
        fields: EVENT_FIELDS[event.value] || [],
        joinable: true,
        legend: "Only when",
        pathOf: (i, key, count, join) => (count > 1 ? `condition.${join}[${i}].${key}` : `condition.${key}`),
        onChange: changed,
      });
      conditionBox.replaceChildren(rows.node);
    }

    if (editable) build(editable);
    else {
      // Nested groups or "not", set through the API: kept as they are unless replaced here.
      conditionBox.append(el("p", { class: "field-hint" }, `Only when ${conditionText(t.condition, false)}. `),
        el("button", { type: "button", class: "btn btn-small", onclick: () => build({ rows: [], join: "all" }) },
          "Replace this condition"));
    }
    const shape = () => { formField.hidden = event.value !== "form.submitted"; };
    event.addEventListener("change", () => { shape(); changed(); });
    form.addEventListener("change", changed);
    shape();

    return () => {
      const out = { type: "event", event: event.value };
      if (t.id) out.id = t.id;
      if (event.value === "form.submitted" && form.value) out.formId = form.value;
      if (!rows) {
        if (t.condition) out.condition = t.condition;
        return out;
      }
      const compares = rows.compares();
      if (compares.length === 1) out.condition = compares[0];
      else if (compares.length > 1) out.condition = { [rows.join()]: compares };
      return out;
    };
  }

  function webhookFields(t, card, canRotate) {
    if (!t.url) {
      card.append(el("p", { class: "field-hint" }, "The secret URL appears here once the agent is saved."));
      return () => ({ type: "webhook" });
    }
    const url = el("input", { type: "text", readonly: true, class: "mono-input", value: absoluteUrl(t.url) });
    const note = el("p", { class: "muted webhook-note", role: "status" });
    const copy = el("button", { type: "button", class: "btn btn-small" }, "Copy");
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url.value);
        note.textContent = "Copied to the clipboard.";
      } catch (e) {
        url.select();
        note.textContent = "Select the URL and copy it with Ctrl+C.";
      }
    });
    const actions = el("div", { class: "webhook-actions" }, copy);
    card.append(field("Webhook URL", url, { hint: "POST a JSON object here; the URL is the password, keep it secret." }), actions, note);
    if (canRotate) {
      const rotate = el("button", { type: "button", class: "btn btn-small btn-danger" }, "Rotate");
      const confirmBox = el("div", { class: "confirm-box", role: "group", "aria-label": "Confirm rotating the URL", hidden: true },
        el("p", {}, "Rotate the secret? The current URL stops working at once."));
      const yes = el("button", { type: "button", class: "btn btn-small btn-danger" }, "Rotate URL");
      const no = el("button", { type: "button", class: "btn btn-small" }, "Keep the current URL");
      confirmBox.append(el("div", { class: "webhook-actions" }, yes, no));
      rotate.addEventListener("click", () => { confirmBox.hidden = false; no.focus(); });
      no.addEventListener("click", () => { confirmBox.hidden = true; rotate.focus(); });
      yes.addEventListener("click", async () => {
        yes.disabled = true;
        const r = await api("POST", `${base}/agents/${t.agentId}/triggers/${t.id}/rotate`);
        yes.disabled = false;
        confirmBox.hidden = true;
        if (r.ok) {
          t.url = r.data.url;
          url.value = absoluteUrl(r.data.url);
          note.textContent = "New URL issued; the old one no longer works.";
        } else {
          note.textContent = r.error.message;
        }
        rotate.focus();
      });
      actions.append(rotate);
      card.append(confirmBox);
    }
    return () => ({ type: "webhook", id: t.id });
  }

  function manualFields(t, card, changed) {
    const rows = compareRows({
      rows: t.filters || [],
      fields: FILTER_FIELDS,
      joinable: false,
      legend: "Contacts it runs on (all rules must hold)",
      pathOf: (i, key) => `filters[${i}].${key}`,
      onChange: changed,
    });
    card.append(el("p", { class: "field-hint" }, "Added to the first contact search of every Run Now. "
      + "\"Contacts created today\" is createdAt >= today."), rows.node);
    return () => {
      const out = { type: "manual", filters: rows.compares() };
      if (t.id) out.id = t.id;
      return out;
    };
  }

  const TITLES = { schedule: "Schedule", event: "CRM event", webhook: "Webhook", manual: "Run Now filters" };

  function clearErrors(scope) {
    scope.querySelectorAll(".field-error").forEach((p) => { p.hidden = true; p.textContent = ""; });
    scope.querySelectorAll("[aria-invalid]").forEach((c) => c.removeAttribute("aria-invalid"));
  }

  /** Puts `message` under the control of `path` (or its closest parent path) inside `scope`. */
  function showErrorIn(scope, path, message) {
    const controls = [...scope.querySelectorAll("[data-path]")].filter((c) => !c.closest("[hidden]"));
    const exact = controls.find((c) => c.dataset.path === path);
    const parent = controls
      .filter((c) => path.startsWith(c.dataset.path + ".") || path.startsWith(c.dataset.path + "["))
      .sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
    const control = exact || parent;
    const line = control ? document.getElementById(`${control.id}-error`) : scope.querySelector(".trigger-error");
    line.textContent = message;
    line.hidden = false;
    if (control) control.setAttribute("aria-invalid", "true");
    return control || line;
  }

  /**
   * Mounts the editor in `root` for `triggers` (as GET returns them). Returns {value(),
   * showError(field, message) for a 400 naming triggers[i].…, clearErrors()}.
   */
  function editor(root, { agentId, triggers, canRotate, forms }) {
    const cards = []; // {node, value}
    const list = el("div", { class: "trigger-list" });
    const empty = el("p", { class: "muted" }, "No triggers: the agent runs only when someone presses Run Now.");
    const kind = select([["schedule", "Schedule"], ["event", "CRM event"], ["webhook", "Webhook"], ["manual", "Run Now filters"]], "schedule");
    const add = el("button", { type: "button", class: "btn btn-small" }, "Add trigger");
    root.replaceChildren(list, empty,
      el("div", { class: "trigger-add" }, field("New trigger type", kind), add));

    function addCard(t, focus) {
      const card = el("fieldset", { class: "trigger-card" });
      const legend = el("legend", {});
      const remove = el("button", { type: "button", class: "btn btn-small btn-danger trigger-remove" }, "Remove");
      card.append(legend, el("div", { class: "trigger-head" }, remove),
        el("p", { class: "field-error trigger-error", hidden: true, role: "alert" }));
      const entry = { node: card, value: null, title: TITLES[t.type] || t.type };
      // An edit makes the errors of the last save stale.
      const changed = () => clearErrors(card);
      const withAgent = { ...t, agentId };
      switch (t.type) {
        case "schedule": entry.value = scheduleFields(withAgent, card, changed); break;
        case "event": entry.value = eventFields(withAgent, card, changed, forms); break;
        case "webhook": entry.value = webhookFields(withAgent, card, canRotate); break;
        default: entry.value = manualFields(withAgent, card, changed);
      }
      remove.setAttribute("aria-label", `Remove the ${(TITLES[t.type] || t.type).toLowerCase()} trigger`);
      remove.addEventListener("click", () => {
        cards.splice(cards.indexOf(entry), 1);
        card.remove();
        renumber();
        add.focus();
      });
      cards.push(entry);
      list.append(card);
      renumber();
      if (focus) {
        const first = card.querySelector("select, input");
        if (first) first.focus();
      }
    }

    function renumber() {
      cards.forEach((c, i) => {
        c.node.dataset.index = String(i);
        c.node.querySelector("legend").textContent = `Trigger ${i + 1}: ${c.title}`;
      });
      empty.hidden = cards.length > 0;
    }

    add.addEventListener("click", () => addCard({ type: kind.value }, true));
    for (const t of triggers || []) addCard(t, false);
    renumber();

    return {
      value: () => cards.map((c) => c.value()),
      clearErrors: () => clearErrors(root),
      showError(fieldName, message) {
        const m = /^triggers\[(\d+)\](?:\.(.+))?$/.exec(fieldName || "");
        const card = m && cards[Number(m[1])];
        if (!card) return null;
        const target = showErrorIn(card.node, m[2] || "", message);
        target.focus();
        return target;
      },
    };
  }

  window.SBTriggers = { describe, conditionText, fireTime, absoluteUrl, editor };
})();
