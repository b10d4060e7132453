// qaznews web pages: a little hand-written script, no build step. The pages work without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // Filters apply as soon as they change (the "Apply filters" button is for no-JS).
    var facets = document.getElementById("facets");
    if (facets) {
      facets.addEventListener("change", function () { facets.submit(); });
      // On a narrow screen the filter groups start folded, except those in use.
      if (window.matchMedia("(max-width: 48rem)").matches) {
        facets.querySelectorAll("details").forEach(function (group) {
          var used = group.querySelector("input:checked, input[type=date]:not([value=''])");
          if (!used) { group.removeAttribute("open"); }
        });
      }
    }
    // "/" focuses the search box.
    var box = document.getElementById("q");
    document.addEventListener("keydown", function (event) {
      if (box && event.key === "/" && document.activeElement !== box &&
          !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
        event.preventDefault();
        box.focus();
      }
    });
  });
})();
