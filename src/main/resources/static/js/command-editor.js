// The command section of the agent editor: the argv as a list of arguments (run as given, never
// through a shell), the working directory and the timeout. The API validates; its 400 names the
// field (command[1], workingDirectory, timeoutSeconds) and the message is shown under that control.
(function () {
  "use strict";
  const { el } = window.SB;

  /**
   * Mounts the section in `root` for `agent` (as GET returns it, or null for a new agent).
   * Returns {value(), showError(field, message), clearErrors(), focusFirst()}.
   */
  function editor(root, agent) {
    const list = el("ol", { class: "argv-list", id: "argv-list" });
    const listError = el("p", { class: "field-error", id: "argv-list-error", hidden: true });
    const add = el("button", { type: "button", class: "btn btn-small", id: "argv-add" }, "Add argument");
    const workdir = el("input", {
      id: "workdir-input", class: "mono-input", autocomplete: "off", spellcheck: "false",
      "aria-describedby": "workdir-hint workdir-input-error", "data-path": "workingDirectory",
    });
    const timeout = el("input", {
      id: "timeout-input", type: "number", min: "1", max: "604800", step: "1", inputmode: "numeric",
      "aria-describedby": "timeout-hint timeout-input-error", "data-path": "timeoutSeconds",
    });

    function renumber() {
      [...list.children].forEach((row, i) => {
        const input = row.querySelector("input");
        input.id = `argv-${i}`;
        input.dataset.path = `command[${i}]`;
        input.setAttribute("aria-describedby", `argv-${i}-error`);
        row.querySelector("label").setAttribute("for", input.id);
        row.querySelector("label").textContent = i === 0 ? "Program" : `Argument ${i}`;
        row.querySelector(".field-error").id = `argv-${i}-error`;
        const remove = row.querySelector("button");
        remove.setAttribute("aria-label", i === 0 ? "Remove program" : `Remove argument ${i}`);
        remove.disabled = list.children.length === 1;
      });
    }

    function addRow(value, focus) {
      const input = el("input", { class: "mono-input", autocomplete: "off", spellcheck: "false" });
      input.value = value;
      const remove = el("button", { type: "button", class: "btn btn-small argv-remove", title: "Remove" }, "\u00D7");
      const row = el("li", { class: "argv-row" },
        el("label", { class: "argv-label" }), input, remove,
        el("p", { class: "field-error", hidden: true }));
      remove.addEventListener("click", () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber();
        if (next) next.querySelector("input").focus();
      });
      input.addEventListener("keydown", (e) => {
        // Enter in an argument adds the next one instead of submitting the form.
        if (e.key === "Enter") {
          e.preventDefault();
          const created = addRow("", false);
          row.after(created);
          renumber();
          created.querySelector("input").focus();
        }
      });
      list.append(row);
      renumber();
      if (focus) input.focus();
      return row;
    }

    const command = agent && agent.command && agent.command.length ? agent.command : ["", "{{prompt}}"];
    command.forEach((arg) => addRow(arg, false));
    workdir.value = (agent && agent.workingDirectory) || "";
    timeout.value = agent && agent.timeoutSeconds ? String(agent.timeoutSeconds) : "";
    add.addEventListener("click", () => addRow("", true));

    root.replaceChildren(
      el("p", { class: "field-hint", id: "argv-hint" },
        "The program and its arguments, one per box. They are run as given, never through a shell. ",
        el("code", {}, "{{prompt}}"),
        " stands for the run's prompt; a command without it gets none."),
      list, listError, add,
      el("div", { class: "field" },
        el("label", { for: workdir.id }, "Working directory ", el("span", { class: "label-note" }, "(optional)")),
        workdir,
        el("p", { class: "field-hint", id: "workdir-hint" },
          "Inside this workspace's jobs directory, relative to it. Empty: the directory itself."),
        el("p", { class: "field-error", id: "workdir-input-error", hidden: true })),
      el("div", { class: "field" },
        el("label", { for: timeout.id }, "Timeout in seconds ", el("span", { class: "label-note" }, "(optional)")),
        timeout,
        el("p", { class: "field-hint", id: "timeout-hint" },
          "The run is stopped after this long: 1 to 604800 (7 days). Empty: 3600 (one hour)."),
        el("p", { class: "field-error", id: "timeout-input-error", hidden: true })));

    /** The body fields; a timeout that is not a whole number is sent as typed so the API names it. */
    function value() {
      const body = {
        command: [...list.querySelectorAll("input")].map((input) => input.value),
        workingDirectory: workdir.value.trim(),
      };
      const t = timeout.value.trim();
      if (t) body.timeoutSeconds = /^\d+$/.test(t) ? Number(t) : t;
      return body;
    }

    function clearErrors() {
      root.querySelectorAll(".field-error").forEach((p) => { p.hidden = true; p.textContent = ""; });
      root.querySelectorAll("[aria-invalid]").forEach((c) => c.removeAttribute("aria-invalid"));
    }

    /** Shows `message` under the control the API's field names; false if it names none of them. */
    function showError(field, message) {
      const control = root.querySelector(`[data-path="${CSS.escape(field || "")}"]`);
      const line = control ? document.getElementById(`${control.id}-error`) : field === "command" ? listError : null;
      if (!line) return false;
      line.textContent = message;
      line.hidden = false;
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.focus();
      }
      return true;
    }

    return { value, showError, clearErrors, focusFirst: () => list.querySelector("input").focus() };
  }

  window.SBCommand = { editor };
})();
