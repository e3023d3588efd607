// The notifications page: the caller's notifications in this workspace, newest first, each linking
// to what it is about; opening the page marks them read.
(function () {
  "use strict";
  const { ws, api, el, fmtTime, notificationItem } = window.SB;

  async function load() {
    const r = await api("GET", `/api/workspaces/${ws}/notifications`);
    if (!r.ok) return;
    const items = r.data.items || [];
    document.getElementById("notification-page-list").replaceChildren(...items.map(notificationItem));
    document.getElementById("notification-page-empty").hidden = items.length > 0;
    await api("POST", `/api/workspaces/${ws}/notifications/read`);
  }

  document.addEventListener("DOMContentLoaded", load);
})();
