// CSV import: uploads the file, then follows the import job with a progress bar.
(function () {
  "use strict";
  const { ws, el, toast } = window.SB;

  async function countRows(file) {
    if (file.size > 50 * 1024 * 1024) return 0;
    const text = await file.text();
    let n = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    if (text.length && text[text.length - 1] !== "\n") n++;
    return Math.max(n - 1, 0);
  }

  function show(job, total) {
    const bar = document.getElementById("import-progress");
    if (job.status === "running") {
      if (total > 0) {
        bar.max = total;
        bar.value = Math.min(job.processed, total);
      } else {
        bar.removeAttribute("value");
      }
      document.getElementById("import-summary").textContent = `Processed ${job.processed} rows…`;
      return;
    }
    bar.max = 1;
    bar.value = 1;
    document.getElementById("import-summary").textContent = job.status === "completed"
      ? `Imported ${job.imported} contacts, skipped ${job.skipped}.`
      : `Import failed: ${job.message || "unknown error"}`;
    document.getElementById("import-errors").replaceChildren(...(job.errors || []).map((e) =>
      el("li", {}, `Row ${e.row}: ${e.message}`)));
    document.getElementById("import-done").hidden = false;
  }

  async function poll(jobId, total) {
    const response = await fetch(`/api/workspaces/${ws}/contacts/import/${jobId}`, { credentials: "same-origin" });
    const json = await response.json();
    show(json.data, total);
    if (json.data.status === "running") setTimeout(() => poll(jobId, total), 500);
  }

  async function start(e) {
    e.preventDefault();
    const file = document.getElementById("import-file").files[0];
    if (!file) return;
    const button = document.getElementById("import-start");
    button.disabled = true;
    document.getElementById("import-status").hidden = false;
    document.getElementById("import-done").hidden = true;
    document.getElementById("import-errors").replaceChildren();
    const total = await countRows(file);
    show({ status: "running", processed: 0 }, total);
    const form = new FormData();
    form.append("file", file);
    let json = {};
    try {
      const response = await fetch(`/api/workspaces/${ws}/contacts/import`, {
        method: "POST", body: form, credentials: "same-origin", headers: { Accept: "application/json" },
      });
      json = await response.json();
    } catch (err) {
      json = { success: false, error: { message: "Network error: " + err.message } };
    }
    button.disabled = false;
    if (json.success === false) {
      document.getElementById("import-status").hidden = true;
      toast({ kind: "error", message: json.error.message, timeout: 0 });
      return;
    }
    show(json.data, total);
    if (json.data.status === "running") poll(json.data.jobId, total);
    else toast({ kind: "success", message: `Imported ${json.data.imported} contacts.` });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("import-form").addEventListener("submit", start);
  });
})();
