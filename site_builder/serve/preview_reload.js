// site-build preview: reload after each good build, show the error of a failed one.
(function () {
  "use strict";
  var script = document.currentScript;
  var since = script ? script.getAttribute("data-build") : "0";
  var source = new EventSource("/__site-build/events?since=" + since);
  source.addEventListener("reload", function () { source.close(); location.reload(); });
  source.addEventListener("failed", function (event) {
    var data = JSON.parse(event.data);
    var box = document.getElementById("site-build-error") || document.createElement("div");
    box.id = "site-build-error";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#3b0d0d;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;" +
      "border-top:4px solid #ff6b6b;white-space:pre-wrap";
    box.textContent = "site-build: the last save did not build; showing the last good version.\n\n" +
      data.errors.map(function (e) {
        return (e.file ? e.file + (e.line ? ":" + e.line : "") + ": " : "") + e.message;
      }).join("\n");
    document.body.appendChild(box);
  });
})();
