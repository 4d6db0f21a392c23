/* schemebook: tables that fit their column, and a visible cue when one cannot.
 *
 * In every table cell, long addresses and keys may break after '@', '.', '/'
 * and '_' (a <wbr>), and a phone number stays on one line, so that a table
 * wraps to the width of the page instead of running past it. A table that is
 * still too wide (on a phone) scrolls inside the frame Material gives it; here
 * the frame shows a shadow on each side where more of the table is, for as
 * long as there is more. Runs on every page load (Material's document$).
 */
(function () {
  "use strict";
  var PHONE = /(\+?\(?\d[\d ()\-]{4,}\d)/;
  var SEPARATORS = /([@./_]+)/;

  function pieces(text, long, into) {
    (long ? text.split(SEPARATORS) : [text]).forEach(function (piece, i) {
      if (piece) { into.appendChild(document.createTextNode(piece)); }
      if (i % 2 === 1) { into.appendChild(document.createElement("wbr")); }
    });
  }

  function tidy(cell) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) { texts.push(walker.currentNode); }
    texts.forEach(function (text) {
      var value = text.nodeValue;
      var long = value.length >= 16 && SEPARATORS.test(value);
      if (!long && !PHONE.test(value)) { return; }
      var fragment = document.createDocumentFragment();
      value.split(PHONE).forEach(function (part, i) {
        if (i % 2 === 0) {
          pieces(part, long, fragment);
          return;
        }
        var whole = document.createElement("span");
        whole.className = "schemebook-whole";
        whole.textContent = part;
        fragment.appendChild(whole);
      });
      text.parentNode.replaceChild(fragment, text);
    });
  }

  function cue(wrap) {
    var frame = wrap.parentElement;
    frame.classList.toggle("schemebook-more-left", wrap.scrollLeft > 1);
    frame.classList.toggle("schemebook-more-right",
                           wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 1);
  }

  // The cue follows the table: as it scrolls, and as it or its frame changes
  // size (a narrower window, the web font arriving).
  var resized = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(
    function (entries) {
      entries.forEach(function (entry) {
        var wrap = entry.target.closest(".md-typeset__scrollwrap");
        if (wrap) { cue(wrap); }
      });
    });

  function frame() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (!wrap.parentElement.classList.contains("schemebook-scrollcue")) {
        var box = document.createElement("div");
        box.className = "schemebook-scrollcue";
        wrap.parentNode.insertBefore(box, wrap);
        box.appendChild(wrap);
        wrap.addEventListener("scroll", function () { cue(wrap); }, {passive: true});
        if (resized) {
          resized.observe(wrap);
          if (wrap.firstElementChild) { resized.observe(wrap.firstElementChild); }
        }
      }
      cue(wrap);
    });
  }

  function setup() {
    document.querySelectorAll(".md-typeset td:not([data-schemebook-tidy])").forEach(
      function (cell) {
        cell.setAttribute("data-schemebook-tidy", "");
        tidy(cell);
      });
    frame();
  }

  window.addEventListener("resize", frame);
  if (typeof document$ !== "undefined") {
    document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
