// spinekg site search: offline, over the labels and identifiers in search-index.js.
(function () {
  "use strict";
  var index = window.SPINEKG_INDEX || [];
  // the site's root, from this script's own address (pages sit at different depths)
  var script = document.currentScript;
  var root = script ? script.src.replace(/static\/search\.js(\?.*)?$/, "") : "";

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }
  var folded = index.map(function (e) { return fold(e.label + " " + e.curie); });

  function search(query, limit) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) { return []; }
    var found = [];
    for (var i = 0; i < index.length && found.length < limit; i++) {
      var text = folded[i];
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) { found.push(index[i]); }
    }
    return found;
  }

  function item(entry) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + entry.path;
    a.textContent = entry.label;  // text, never markup
    li.appendChild(a);
    var small = document.createElement("small");
    small.textContent = " " + entry.curie;
    li.appendChild(small);
    return li;
  }

  document.querySelectorAll("form.search").forEach(function (form) {
    var input = form.querySelector("input");
    var hits = form.querySelector(".hits");
    input.addEventListener("input", function () {
      hits.replaceChildren.apply(hits, search(input.value, 15).map(item));
      hits.hidden = !hits.children.length;
    });
    input.addEventListener("blur", function () { setTimeout(function () { hits.hidden = true; }, 200); });
  });

  var results = document.getElementById("results");
  if (results) {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    document.querySelectorAll("form.search input").forEach(function (input) { input.value = query; });
    var found = search(query, 500);
    results.replaceChildren.apply(results, found.map(item));
    if (!found.length) {
      var none = document.createElement("p");
      none.textContent = query ? "Nothing in the graph matches \u201c" + query + "\u201d." : "Type a name above.";
      results.after(none);
    }
  }
})();
