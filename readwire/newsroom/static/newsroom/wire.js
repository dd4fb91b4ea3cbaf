// Live wire: polls for what arrived since the newest row and puts it on top. Without JavaScript the
// page works the same, with its Refresh link.
(function () {
  "use strict";
  var rows = document.getElementById("wire-rows");
  var status = document.getElementById("wire-live");
  if (!rows || !rows.dataset.feed || !window.fetch) return;

  var EVERY_MS = 5000, MAX_ROWS = 300, MAX_FAILURES = 5;
  var after = rows.dataset.after || "0";
  var failures = 0;

  function say(text) { if (status) status.textContent = text; }

  function url() {
    var feed = rows.dataset.feed;
    return feed + (feed.indexOf("?") < 0 ? "?" : "&") + "after=" + encodeURIComponent(after);
  }

  function schedule() { window.setTimeout(poll, EVERY_MS * (1 + failures)); }

  function show(data) {
    // Oldest first, each put on top, so the newest ends up first; rows already shown are skipped
    // (answers repeat the last minute, see arrivals.LIVE_LOOKBACK).
    var added = 0;
    data.rows.slice().reverse().forEach(function (row) {
      if (document.getElementById("wire-" + row.id)) return;
      rows.insertAdjacentHTML("afterbegin", row.html);
      var tr = document.getElementById("wire-" + row.id);
      if (tr) tr.classList.add("is-new-arrival");
      added += 1;
    });
    while (rows.rows.length > MAX_ROWS) rows.deleteRow(-1);
    after = String(data.latest);
    if (added) {
      var empty = document.querySelector(".empty");
      if (empty) empty.remove();
      say(added === 1 ? "1 new item." : added + " new items.");
    }
    if (data.more) {
      say("More items arrived than fit here: refresh the page.");
      return false;
    }
    return true;
  }

  function poll() {
    if (document.hidden) { schedule(); return; }
    fetch(url(), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        if (show(data)) schedule();
      })
      .catch(function () {
        failures += 1;
        if (failures < MAX_FAILURES) { schedule(); } else { say("Live updates stopped: refresh the page."); }
      });
  }

  say("Live: new items appear here as they arrive.");
  schedule();
})();
