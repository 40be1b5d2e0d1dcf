// spinekg site search: offline, over the names and identifiers in search-index.js.
(function () {
  "use strict";
  var index = window.SPINEKG_INDEX || [];
  // the site's root, from this script's own address (pages sit at different depths)
  var script = document.currentScript;
  var root = script ? script.src.replace(/static\/search\.js(\?.*)?$/, "") : "";

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }
  // an entity is found by its label, its identifier, its synonyms and its notations
  var folded = index.map(function (e) { return [e.label, e.curie].concat(e.also || []).map(fold); });

  // Every word of the query in one of an entity's names. First the entities one of whose
  // names is the query itself, then those whose label holds it, then the others.
  function search(query, limit) {
    var whole = fold(query);
    var words = whole.split(" ").filter(Boolean);
    if (!words.length) { return []; }
    var ranked = [[], [], []];
    for (var i = 0; i < index.length; i++) {
      var names = folded[i];
      var exact = names.indexOf(whole);
      var hit = exact >= 0 ? exact : names.findIndex(function (name) {
        return words.every(function (w) { return name.indexOf(w) >= 0; });
      });
      if (hit < 0) { continue; }
      var rank = exact >= 0 ? 0 : (hit <= 1 ? 1 : 2);
      ranked[rank].push({entry: index[i], name: hit > 1 ? index[i].also[hit - 2] : null});
    }
    return ranked[0].concat(ranked[1], ranked[2]).slice(0, limit);
  }

  function item(hit) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + hit.entry.path;
    a.textContent = hit.entry.label;  // text, never markup
    li.appendChild(a);
    var small = document.createElement("small");
    small.textContent = (hit.name ? " (" + hit.name + ")" : "") + " " + hit.entry.curie;
    li.appendChild(small);
    return li;
  }

  // served by `spinekg serve --site` (at /site/), the endpoint's page for asking SPARQL is "/"
  if (/^https?:$/.test(window.location.protocol) && window.location.pathname.indexOf("/site/") === 0) {
    document.querySelectorAll("a.when-served").forEach(function (a) { a.hidden = false; });
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
