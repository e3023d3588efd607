// The agent editor: name, goal, instructions and status, with a live preview of the plan the
// instructions compile to, and the words the parser could not read highlighted in the text; for a
// command agent, its argv, working directory and timeout instead of the instructions.
(function () {
  "use strict";
  const { ws, api, el } = window.SB;
  const agentId = document.body.dataset.agent || "";
  const base = `/api/workspaces/${ws}`;
  const DEBOUNCE_MS = 250;

  const form = document.getElementById("agent-form");
  const nameInput = document.getElementById("agent-name-input");
  const goalInput = document.getElementById("agent-goal-input");
  const statusInput = document.getElementById("agent-status-input");
  const text = document.getElementById("instructions");
  const backdrop = document.getElementById("hl-backdrop");
  const formError = document.getElementById("form-error");
  const saveButton = document.getElementById("save");

  const previewBody = document.getElementById("preview-body");
  const previewStatus = document.getElementById("preview-status");
  const stepList = document.getElementById("plan-steps");
  const warningsBox = document.getElementById("preview-warnings");
  const warningList = document.getElementById("warning-list");
  const problemsBox = document.getElementById("preview-problems");
  const problemTitle = document.getElementById("problem-title");
  const problemList = document.getElementById("problem-list");

  let agent = null;
  /** The command section (command-editor.js), mounted when the agent is or becomes a command one. */
  let commandSection = null;
  /** The triggers section (triggers.js), mounted once the agent and the forms are loaded. */
  let triggers = null;
  /** Bumped on every edit; a response only counts if it answers the latest version of the text. */
  let seq = 0;
  let timer = null;
  /** The unreadable spans and the exact text they were reported for. */
  let marks = { text: null, spans: [] };

  // ---- Reading a plan aloud ----------------------------------------------------------------

  const VARIABLE = /@[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*|\[\d+\])*/g;

  /** Text with @variables shown as chips. */
  function withChips(value) {
    const s = String(value);
    const out = [];
    let last = 0;
    for (const m of s.matchAll(VARIABLE)) {
      if (m.index > last) out.push(s.slice(last, m.index));
      out.push(el("span", { class: "chip" }, m[0]));
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return out;
  }

  function isVariable(value) {
    if (typeof value !== "string") return false;
    const m = value.match(VARIABLE);
    return m !== null && m[0] === value;
  }

  function fmtNumber(n) {
    return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  /** A parameter value: “quoted text” (with chips), a bare chip, a number or yes/no. */
  function value(v) {
    if (typeof v === "number") return [el("span", { class: "val" }, fmtNumber(v))];
    if (typeof v === "boolean") return [el("span", { class: "val" }, String(v))];
    if (v === null || v === undefined) return [el("span", { class: "val" }, "nothing")];
    if (isVariable(v)) return withChips(v);
    return [el("span", { class: "val" }, "\u201C", ...withChips(v), "\u201D")];
  }

  /** “A”, “B” and “C”. */
  function listOf(items, joiner = "and") {
    const out = [];
    items.forEach((item, i) => {
      if (i > 0) out.push(i === items.length - 1 ? ` ${joiner} ` : ", ");
      out.push(...value(item));
    });
    return out;
  }

  const UNITS = { Y: "year", M: "month", W: "week", D: "day", H: "hour", MIN: "minute", S: "second" };

  /** P5D → 5 days, PT2H → 2 hours, P1DT12H → 1 day 12 hours. Unknown text is shown as is. */
  function humanDuration(iso) {
    const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(iso));
    if (!m) return String(iso);
    const parts = [];
    ["Y", "M", "W", "D", "H", "MIN", "S"].forEach((unit, i) => {
      const n = m[i + 1];
      if (n !== undefined && Number(n) !== 0) {
        parts.push(`${fmtNumber(Number(n))} ${UNITS[unit]}${Number(n) === 1 ? "" : "s"}`);
      }
    });
    return parts.length ? parts.join(" ") : String(iso);
  }

  function plural(n, word) {
    return `${fmtNumber(n)} ${word}${n === 1 ? "" : "s"}`;
  }

  const OPERATORS = {
    "==": "is", "!=": "is not", ">": "is more than", "<": "is less than",
    ">=": "is at least", "<=": "is at most", contains: "contains",
  };
  const NEGATED = {
    "==": "is not", "!=": "is", ">": "is at most", "<": "is at least",
    ">=": "is less than", "<=": "is more than", contains: "does not contain",
  };

  /** A comparison, optionally negated: contact.title contains “CEO”. */
  function compare(c, negated) {
    if (c.operator === "exists") {
      const set = (c.value !== false) !== Boolean(negated);
      return [el("span", { class: "field-name" }, c.field), set ? " is set" : " is not set"];
    }
    const words = (negated ? NEGATED : OPERATORS)[c.operator] || `${negated ? "not " : ""}${c.operator}`;
    return [el("span", { class: "field-name" }, c.field), ` ${words} `, ...value(c.value)];
  }

  /** A condition with all/any/not read as and/or/not; nested groups in parentheses. */
  function condition(c, nested) {
    if (!c || typeof c !== "object") return ["(unknown condition)"];
    if (Array.isArray(c.all) || Array.isArray(c.any)) {
      const joiner = Array.isArray(c.all) ? "and" : "or";
      const parts = c.all || c.any;
      const out = [];
      parts.forEach((p, i) => {
        if (i > 0) out.push(el("span", { class: "joiner" }, ` ${joiner} `));
        out.push(...condition(p, true));
      });
      return nested && parts.length > 1 ? ["(", ...out, ")"] : out;
    }
    if (c.not !== undefined) {
      if (c.not && c.not.field !== undefined) return compare(c.not, true);
      return [el("span", { class: "joiner" }, "not "), ...condition(c.not, true)];
    }
    return compare(c, false);
  }

  const RELATIVE_DAY = /^today(?:-(\d+)d)?$/;

  function isDate(f) {
    return f && f.field === "createdAt" && RELATIVE_DAY.test(String(f.value))
      && (f.operator === ">=" || f.operator === "<");
  }

  /** One search filter, with the created-at dates in words. */
  function filter(f) {
    if (!isDate(f)) return compare(f, false);
    const days = RELATIVE_DAY.exec(f.value)[1];
    const n = days === undefined ? 0 : Number(days);
    if (f.operator === "<") {
      return [n === 0 ? "created before today" : `created more than ${plural(n, "day")} ago`];
    }
    if (n === 0) return ["created today"];
    if (n === 1) return ["created since yesterday"];
    return [`created in the last ${plural(n, "day")}`];
  }

  /** The sentence for one action step, as a list of nodes and strings. */
  function sentence(step) {
    const p = step.params || {};
    switch (step.type) {
      case "search_contacts": {
        const filters = Array.isArray(p.filters) ? p.filters : [];
        if (!filters.length) return ["Find all contacts"];
        const joiner = p.match === "any" ? "or" : "and";
        // "Find contacts created today and title …" reads better without "where" before a date.
        const out = [isDate(filters[0]) ? "Find contacts " : "Find contacts where "];
        filters.forEach((f, i) => {
          if (i > 0) out.push(el("span", { class: "joiner" }, ` ${joiner} `));
          out.push(...filter(f));
        });
        return out;
      }
      case "send_email": {
        const out = p.template !== undefined
          ? ["Send email using template ", ...value(p.template)]
          : ["Send email with subject ", ...value(p.subject)];
        if (p.to !== undefined) out.push(" to ", ...value(p.to));
        if (p.template === undefined && p.body !== undefined) {
          out.push(el("span", { class: "step-detail" }, "Body: ", ...value(p.body)));
        }
        return out;
      }
      case "linkedin_invite":
        return p.note !== undefined
          ? ["Send a LinkedIn invitation with the note ", ...value(p.note)]
          : ["Send a LinkedIn invitation"];
      case "web_search": {
        const out = ["Search the web for ", ...value(p.query)];
        if (p.maxResults !== undefined) out.push(`, keeping the top ${plural(p.maxResults, "result")}`);
        return out;
      }
      case "create_task": {
        const out = ["Create a task ", ...value(p.title)];
        if (p.dueInDays !== undefined) out.push(p.dueInDays === 0 ? ", due today" : `, due in ${plural(p.dueInDays, "day")}`);
        if (p.assignee !== undefined) out.push(", assigned to ", ...value(p.assignee));
        return out;
      }
      case "add_tag":
      case "remove_tag": {
        const tags = Array.isArray(p.tags) ? p.tags : [p.tags];
        const verb = step.type === "add_tag" ? "Add" : "Remove";
        return [`${verb} ${tags.length === 1 ? "tag" : "tags"} `, ...listOf(tags)];
      }
      case "update_field":
        return [`Set ${p.entity || "contact"} `, el("span", { class: "field-name" }, String(p.field)), " to ", ...value(p.value)];
      case "enrich_contact": {
        const provider = String(p.provider || "apollo");
        return [`Enrich the contact with ${provider.charAt(0).toUpperCase()}${provider.slice(1)}`];
      }
      case "wait":
        return [`Wait ${humanDuration(p.duration)}`];
      case "handoff": {
        const out = ["Hand off to ", ...value(p.to)];
        if (p.message !== undefined) out.push(" with the message ", ...value(p.message));
        if (p.timeout !== undefined) out.push(`, waiting up to ${humanDuration(p.timeout)}`);
        return out;
      }
      case "remember":
        return ["Remember ", ...value(p.value), " as ", el("span", { class: "chip" }, `@memory.${p.key}`)];
      default: {
        // A step type this page does not know yet: its name and parameters, still not JSON.
        const out = [String(step.type).replace(/_/g, " ")];
        const keys = Object.keys(p);
        keys.forEach((k, i) => {
          out.push(i === 0 ? " (" : "; ", `${k}: `, ...(Array.isArray(p[k]) ? listOf(p[k]) : value(typeof p[k] === "object" && p[k] !== null ? JSON.stringify(p[k]) : p[k])));
        });
        if (keys.length) out.push(")");
        return out;
      }
    }
  }

  /** An ordered list of steps; if-steps nest their branches, indented. */
  function stepsList(steps, listNode) {
    const ol = listNode || el("ol", { class: "plan-steps nested" });
    for (const step of steps || []) {
      if (step.type === "if") {
        const li = el("li", { class: "plan-step plan-if" },
          el("p", { class: "step-text" }, el("strong", {}, "If "), ...condition(step.condition, false), ":"));
        li.append(branch("then", step.then));
        if (Array.isArray(step.else) && step.else.length) {
          li.append(el("p", { class: "step-text otherwise" }, el("strong", {}, "Otherwise:")), branch("else", step.else));
        }
        ol.append(li);
      } else {
        ol.append(el("li", { class: "plan-step" }, el("p", { class: "step-text" }, ...sentence(step))));
      }
    }
    return ol;
  }

  function branch(kind, steps) {
    const ol = stepsList(steps);
    ol.classList.add(`branch-${kind}`);
    return ol;
  }

  // ---- Preview states ----------------------------------------------------------------------

  function resetPreview() {
    stepList.replaceChildren();
    stepList.hidden = true;
    warningList.replaceChildren();
    warningsBox.hidden = true;
    problemList.replaceChildren();
    problemsBox.hidden = true;
    previewStatus.className = "muted preview-status";
  }

  function showHint() {
    resetPreview();
    previewBody.removeAttribute("aria-busy");
    if (agent && agent.plan && !agent.instructions) {
      // A plan given as JSON through the API, with no words behind it: show it, and say what
      // writing instructions would do to it.
      showPlan(agent.plan, []);
      previewStatus.textContent = "The current plan was set without instructions; "
        + "writing instructions here replaces it.";
      return;
    }
    previewStatus.hidden = false;
    previewStatus.textContent = "Start typing instructions to see the steps here.";
  }

  function showPlan(plan, warnings) {
    resetPreview();
    const steps = (plan && plan.steps) || [];
    previewStatus.hidden = false;
    previewStatus.textContent = steps.length === 1 ? "1 step:" : `${steps.length} steps:`;
    stepsList(steps, stepList);
    stepList.hidden = steps.length === 0;
    if (warnings && warnings.length) {
      for (const w of warnings) warningList.append(el("li", {}, ...withChips(w)));
      warningsBox.hidden = false;
    }
  }

  function showProblems(message, details, forText) {
    resetPreview();
    previewStatus.hidden = true;
    problemTitle.textContent = message;
    for (const d of details || []) {
      const hasSpan = Number.isInteger(d.start) && Number.isInteger(d.end) && d.end > d.start;
      const words = hasSpan ? forText.slice(d.start, d.end) : "";
      const item = hasSpan
        ? el("button", { type: "button", class: "problem", title: "Select these words in the instructions",
          onclick: () => selectSpan(d.start, d.end) },
        el("span", { class: "problem-message" }, d.message),
        words && !d.message.includes(words) ? el("span", { class: "problem-words" }, words) : null)
        : el("span", { class: "problem" }, el("span", { class: "problem-message" }, d.message));
      problemList.append(el("li", {}, item));
    }
    problemsBox.hidden = false;
  }

  function showFailure(message) {
    resetPreview();
    previewStatus.hidden = false;
    previewStatus.className = "preview-status preview-failure";
    previewStatus.textContent = message;
  }

  function selectSpan(start, end) {
    text.focus();
    text.setSelectionRange(start, end);
    // Bring the selection into view: put the caret there and let the browser scroll, then sync.
    const before = text.value.slice(0, start);
    const lines = before.split("\n").length - 1;
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 22;
    const target = lines * lineHeight - text.clientHeight / 3;
    if (target > text.scrollTop + text.clientHeight - lineHeight || target < text.scrollTop - lineHeight) {
      text.scrollTop = Math.max(0, target);
    }
    syncScroll();
  }

  // ---- The highlight behind the textarea -----------------------------------------------------

  /** Merged, clamped [start, end) spans, in order. */
  function normalise(spans, length) {
    const list = spans
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
      .map((s) => [Math.max(0, Math.min(s.start, length)), Math.max(0, Math.min(s.end, length))])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    const out = [];
    for (const [a, b] of list) {
      const last = out[out.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else out.push([a, b]);
    }
    return out;
  }

  /** Renders the text into the backdrop with <mark> around the unreadable spans (text nodes only). */
  function renderBackdrop() {
    const value = text.value;
    const spans = marks.text === value ? normalise(marks.spans, value.length) : [];
    const nodes = [];
    let at = 0;
    for (const [a, b] of spans) {
      if (a > at) nodes.push(document.createTextNode(value.slice(at, a)));
      nodes.push(el("mark", {}, value.slice(a, b)));
      at = b;
    }
    // A trailing new line needs something after it, or the backdrop is one line short.
    nodes.push(document.createTextNode(value.slice(at) + "\n"));
    backdrop.replaceChildren(...nodes);
    text.classList.toggle("has-problems", spans.length > 0);
    syncScroll();
  }

  function syncScroll() {
    backdrop.scrollTop = text.scrollTop;
    backdrop.scrollLeft = text.scrollLeft;
  }

  // ---- Live parsing --------------------------------------------------------------------------

  function onEdit() {
    const mine = ++seq;
    renderBackdrop();
    clearTimeout(timer);
    if (!text.value.trim()) {
      marks = { text: null, spans: [] };
      renderBackdrop();
      showHint();
      return;
    }
    previewBody.setAttribute("aria-busy", "true");
    timer = setTimeout(() => preview(mine, text.value), DEBOUNCE_MS);
  }

  async function preview(mine, sent) {
    const r = await api("POST", `${base}/instructions/parse`, { instructions: sent });
    if (mine !== seq) return; // The text changed since: a newer request (or none) has the say.
    previewBody.removeAttribute("aria-busy");
    applyResult(r, sent);
  }

  /** Shows a parse (or save) answer for the text it was about. */
  function applyResult(r, sent) {
    if (r.ok) {
      marks = { text: null, spans: [] };
      showPlan(r.data.plan, r.data.warnings);
    } else if (r.error && r.error.code === "UNPARSEABLE_INSTRUCTIONS") {
      const details = r.error.details || [];
      marks = { text: sent, spans: details };
      showProblems(r.error.message, details, sent);
    } else {
      marks = { text: null, spans: [] };
      showFailure(r.error ? r.error.message : "The preview is not available right now.");
    }
    renderBackdrop();
  }

  // ---- Loading and saving --------------------------------------------------------------------

  function setBusy(busy) {
    saveButton.disabled = busy;
    saveButton.querySelector(".spinner").hidden = !busy;
    saveButton.querySelector(".label").textContent = busy ? "Saving…" : "Save";
    if (busy) saveButton.setAttribute("aria-busy", "true");
    else saveButton.removeAttribute("aria-busy");
  }

  function showFormError(message) {
    formError.textContent = message;
    formError.hidden = !message;
  }

  /** The agent's kind: its own, or for a new agent the one chosen. */
  function kind() {
    if (agent) return agent.kind;
    const chosen = form.querySelector('input[name="kind"]:checked');
    return chosen ? chosen.value : "workflow";
  }

  /** Shows the instructions and their preview for a workflow agent, the command section otherwise. */
  function showKind() {
    const command = kind() === "command";
    document.getElementById("instructions-field").hidden = command;
    document.getElementById("command-field").hidden = !command;
    document.getElementById("preview").hidden = command;
    document.querySelector(".editor-grid").classList.toggle("single", command);
    const root = document.getElementById("command-editor");
    if (command && root && !commandSection) commandSection = window.SBCommand.editor(root, agent);
  }

  async function save(e) {
    e.preventDefault();
    showFormError("");
    if (!nameInput.value.trim()) {
      showFormError("Give the agent a name.");
      nameInput.setAttribute("aria-invalid", "true");
      nameInput.focus();
      return;
    }
    nameInput.removeAttribute("aria-invalid");
    const body = {
      name: nameInput.value.trim(),
      goal: goalInput.value.trim(),
      status: statusInput.value,
    };
    const workflow = kind() === "workflow";
    // Unchanged instructions are not sent, so a plan set without instructions survives a rename.
    if (workflow && (!agent || text.value !== (agent.instructions || ""))) {
      body.instructions = text.value;
    }
    if (!agent) body.kind = kind();
    if (commandSection && !workflow) {
      commandSection.clearErrors();
      Object.assign(body, commandSection.value());
    }
    if (triggers) {
      triggers.clearErrors();
      body.triggers = triggers.value();
    }
    setBusy(true);
    const sent = text.value;
    const r = agent
      ? await api("PUT", `${base}/agents/${agent.id}`, body)
      : await api("POST", `${base}/agents`, body);
    if (r.ok) {
      window.location.assign(`/w/${ws}/agents/${r.data.id}`);
      return;
    }
    setBusy(false);
    if (r.error && r.error.code === "UNPARSEABLE_INSTRUCTIONS") {
      ++seq; // This answer is newer than any preview still on its way.
      clearTimeout(timer);
      previewBody.removeAttribute("aria-busy");
      applyResult(r, sent);
      showFormError(`${r.error.message} A live agent needs instructions it can read; fix the highlighted words or save it as a draft.`);
      text.focus();
      return;
    }
    // 403 for viewers, 400 for a bad field, anything else: the API's own message.
    showFormError(r.error ? r.error.message : "Saving failed.");
    // A bad trigger (triggers[1].cron) or command field (command[1]) is also shown on its control.
    const field = r.error && r.error.field;
    if (!field) return;
    if (field.startsWith("triggers")) {
      if (triggers) triggers.showError(field, r.error.message);
    } else if (commandSection) {
      commandSection.showError(field, r.error.message);
    }
  }

  async function mountTriggers(current) {
    const forms = await api("GET", `${base}/forms`);
    const role = document.body.dataset.role;
    triggers = window.SBTriggers.editor(document.getElementById("triggers-editor"), {
      agentId,
      triggers: current,
      canRotate: role === "owner" || role === "admin",
      forms: forms.ok ? forms.data : [],
    });
  }

  async function load() {
    if (!agentId) {
      form.querySelectorAll('input[name="kind"]').forEach((radio) => radio.addEventListener("change", showKind));
      mountTriggers([]);
      showHint();
      renderBackdrop();
      nameInput.focus();
      return;
    }
    const r = await api("GET", `${base}/agents/${agentId}`);
    if (!r.ok) {
      document.getElementById("editor-title").textContent = "Agent not found";
      showFormError(r.error.message);
      saveButton.disabled = true;
      return;
    }
    agent = r.data;
    document.title = `Edit ${agent.name} · Switchboard`;
    document.getElementById("editor-title").textContent = `Edit ${agent.name}`;
    const crumb = document.getElementById("crumb-agent");
    if (crumb) crumb.textContent = agent.name;
    nameInput.value = agent.name || "";
    goalInput.value = agent.goal || "";
    if (!statusInput.querySelector(`option[value="${agent.status}"]`)) {
      statusInput.append(el("option", { value: agent.status }, agent.status.charAt(0).toUpperCase() + agent.status.slice(1)));
    }
    statusInput.value = agent.status;
    await mountTriggers(agent.triggers || []);
    if (agent.kind === "workflow") {
      text.value = agent.instructions || "";
      onEdit();
    } else {
      showKind();
      // The instance does not let this user change command agents: say why, offer no Save.
      const readOnly = document.getElementById("command-text");
      if (readOnly) {
        readOnly.textContent = (agent.command || []).join(" ");
        form.querySelectorAll("input, select").forEach((field) => { field.disabled = true; });
        saveButton.disabled = true;
      }
    }
  }

  text.addEventListener("input", onEdit);
  text.addEventListener("scroll", syncScroll);
  // The textarea can be resized or rewrap; keep the backdrop aligned.
  if (window.ResizeObserver) new ResizeObserver(syncScroll).observe(text);
  form.addEventListener("submit", save);
  document.addEventListener("DOMContentLoaded", load);
})();
