// The search page: Pagefind's index is split in shards (site_builder/search.py), listed
// in pagefind/shards.json; the first is loaded, the others merged into it (mergeIndex),
// so one search box searches them all, entity and type filters included.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  var root = new URL(box.getAttribute("data-root") || "./", document.baseURI);
  var folder = new URL("pagefind/", root);
  fetch(new URL("shards.json", folder))
    .then(function (response) {
      if (!response.ok) throw new Error("no search index (" + response.status + ")");
      return response.json();
    })
    .then(function (shards) {
      var bundles = shards.map(function (name) {
        return { bundlePath: new URL(name, folder).href, baseUrl: root.pathname };
      });
      var first = bundles.shift();
      new PagefindUI({
        element: "#search",
        bundlePath: first.bundlePath,
        baseUrl: first.baseUrl,
        mergeIndex: bundles,
        showSubResults: true,
        showImages: false
      });
      var input = box.querySelector(".pagefind-ui__search-input");
      if (input) input.setAttribute("aria-label", "Search articles and entities");
    })
    .catch(function (error) {
      box.textContent = "Search is not available: " + error.message;
    });
})();
