/* schemebook: keyboard access to Material's navigation drawer, search and
 * header menus (the language switcher).
 *
 * Material opens the drawer and search with <label for="__drawer"> and
 * <label for="__search">, which a keyboard cannot reach, and leaves their
 * links in the tab order while they are closed and off screen: on a phone,
 * 35 of the first 38 Tab presses landed in the hidden drawer. Here:
 * - the two labels become buttons (role, name, aria-expanded, Enter and
 *   Space);
 * - the drawer, while closed on a narrow screen, and the search, while
 *   closed, are inert: out of the tab order and of the accessibility tree;
 * - inside the drawer, a section's panel (and the page's contents) slides
 *   in over the top level: closed panels are inert too, the icon that opens
 *   one is a named button, and Escape closes the panel it is in;
 * - opening one moves focus into it; Escape, or moving focus out of it,
 *   closes it again, and Escape gives focus back to its button;
 * - a header menu (.md-select: the language switcher) is a disclosure: its
 *   list, which Material shows on hover and while focus is anywhere in it,
 *   links in the tab order even while hidden, is inert while closed; its
 *   button opens it (from the keyboard, focus moves to the first link),
 *   Escape or focus leaving it closes it, and a mouse opens it by hovering,
 *   as before.
 * Names come from the theme's own translations (data-menu, data-search on
 * this script's element). A page without the drawer or search is left alone.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var names = script ? script.dataset : {};
  // Material's breakpoints: the drawer slides in below 76.25em, and search is
  // an overlay below 60em (above, its box sits in the header).
  var DRAWER = window.matchMedia("(max-width: 76.234375em)");
  var OVERLAY = window.matchMedia("(max-width: 59.984375em)");

  // A <label> that opens or closes something, as a button: focusable, named,
  // and worked by Enter and Space (kept from Material's own Enter handler,
  // which would click it a second time).
  function activate(label, name) {
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (name) { label.setAttribute("aria-label", name); }
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        label.click();
      }
    });
    return label;
  }

  function button(toggle, name) {
    var label = document.querySelector(".md-header label[for='" + toggle.id + "']");
    return label ? activate(label, name) : null;
  }

  function focusFirst(root) {
    var found = root.querySelectorAll("a[href], [tabindex='0']");
    for (var i = 0; i < found.length; i++) {
      if (found[i].getClientRects().length && !found[i].closest("[inert]")) {
        // Not scrolled into view: the panel is still sliding in, and scrolling
        // its container now would leave the panel blank.
        found[i].focus({preventScroll: true});
        return;
      }
    }
  }

  // The panels of the drawer: each nested <nav> with the checkbox that opens it.
  function panels(sidebar) {
    var found = [];
    sidebar.querySelectorAll("input.md-nav__toggle").forEach(function (toggle) {
      var nav = toggle.parentElement.querySelector(":scope > nav.md-nav");
      var opener = toggle.parentElement.querySelector(
        ":scope > label.md-nav__link[for='" + toggle.id + "'], :scope > .md-nav__container > " +
        "label.md-nav__link[for='" + toggle.id + "']");
      if (nav) { found.push({toggle: toggle, nav: nav, opener: opener}); }
    });
    return found;
  }

  function named(panel) {
    if (!panel.opener) { return; }
    var title = panel.nav.querySelector(":scope > .md-nav__title");
    var text = panel.opener.textContent.trim();
    activate(panel.opener, text ? "" : title && title.textContent.trim());
  }

  // A header menu: Material's button and the list it shows. Open or closed is
  // the class schemebook-open, which the CSS shows (schemebook.css); the
  // attribute data-schemebook-menu says this script runs it, so without the
  // script Material's own hover and focus-within still work.
  function headerMenu(root) {
    var opener = root.querySelector(":scope > button");
    var list = root.querySelector(":scope > .md-select__inner");
    if (!opener || !list) { return; }
    var hovered = false;
    function show(open) {
      root.classList.toggle("schemebook-open", open);
      opener.setAttribute("aria-expanded", String(open));
      list.inert = !open;
    }
    function isOpen() { return root.classList.contains("schemebook-open"); }
    opener.addEventListener("click", function (event) {
      // A click while the pointer holds it open leaves it open.
      var open = !isOpen() || hovered;
      show(open);
      if (open && event.detail === 0) { focusFirst(list); }  // Enter or Space
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) {
        event.stopPropagation();
        show(false);
        opener.focus();
      }
    });
    root.addEventListener("focusout", function (event) {
      if (!hovered && !root.contains(event.relatedTarget)) { show(false); }
    });
    root.addEventListener("pointerenter", function (event) {
      if (event.pointerType === "mouse") { hovered = true; show(true); }
    });
    root.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "mouse") { return; }
      hovered = false;
      if (!root.contains(document.activeElement)) { show(false); }
    });
    // A tap elsewhere closes it, where a tap gives the button no focus to lose.
    document.addEventListener("pointerdown", function (event) {
      if (isOpen() && !root.contains(event.target)) { show(false); }
    });
    root.setAttribute("data-schemebook-menu", "");
    show(false);
  }

  function close(toggle, back) {
    if (toggle.checked) {
      toggle.click();  // as Material closes it: a click, so its own listeners follow
    }
    if (back) { back.focus(); }
  }

  function setupDrawer() {
    var drawer = document.getElementById("__drawer");
    var sidebar = document.querySelector(".md-sidebar--primary");
    var menu = drawer && sidebar ? button(drawer, names.menu) : null;
    if (!menu) { return; }
    var nested = panels(sidebar);
    nested.forEach(named);

    function sync() {
      var slides = DRAWER.matches;
      sidebar.inert = slides && !drawer.checked;
      menu.setAttribute("aria-expanded", String(slides && drawer.checked));
      nested.forEach(function (panel) {
        panel.nav.inert = slides && !panel.toggle.checked;
        if (panel.opener) {
          panel.opener.setAttribute("aria-expanded", String(panel.toggle.checked));
        }
      });
    }

    drawer.addEventListener("change", function () {
      sync();
      if (drawer.checked && DRAWER.matches) { focusFirst(sidebar); }
    });
    nested.forEach(function (panel) {
      panel.toggle.addEventListener("change", function () {
        sync();
        if (panel.toggle.checked && DRAWER.matches) { focusFirst(panel.nav); }
      });
    });
    sidebar.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var open = nested.filter(function (panel) {
        return panel.toggle.checked && panel.nav.contains(event.target);
      }).pop();
      if (open && DRAWER.matches && open.opener) {
        event.stopPropagation();
        close(open.toggle, open.opener);
      } else {
        close(drawer, menu);
      }
    });
    document.addEventListener("focusin", function (event) {
      if (drawer.checked && DRAWER.matches && !sidebar.contains(event.target)) {
        close(drawer, null);
      }
    });
    DRAWER.addEventListener("change", sync);
    sync();
  }

  // Zensical's search: its header holds a button, not a field, and its script
  // draws the dialog in a shadow root of an element of its own on <body>,
  // which it opens and closes on each change of the __search toggle (and
  // closes itself on Escape). There the dialog's open attribute, not the
  // toggle, says whether search is open.
  function drawnSearch(dialog) {
    if (dialog.querySelector("input")) { return null; }  // Material's own field
    var children = document.body.children;
    for (var i = 0; i < children.length; i++) {
      if (children[i].shadowRoot) {
        children[i].setAttribute("data-schemebook-search", "");
        return children[i];
      }
    }
    return null;
  }

  function setupSearch() {
    var search = document.getElementById("__search");
    var dialog = document.querySelector(".md-search");
    var finder = search && dialog ? button(search, names.search) : null;
    if (!finder) { return; }
    var output = dialog.querySelector(".md-search__output");
    var drawn = drawnSearch(dialog);

    function isOpen() {
      return drawn ? !!drawn.shadowRoot.querySelector("dialog[open]") : search.checked;
    }

    function sync() {
      var open = isOpen();
      dialog.inert = OVERLAY.matches && !open;
      if (output) { output.inert = !open; }
      finder.setAttribute("aria-expanded", String(open));
    }

    search.addEventListener("change", function () {
      sync();
      if (search.checked && OVERLAY.matches) {
        var input = dialog.querySelector("input");
        if (input && document.activeElement !== input) { input.focus(); }
      }
    });
    dialog.addEventListener("keydown", function (event) {
      // Material closes search on Escape and Tab (arrows move through the
      // results). Over a phone's page, focus then goes back to the button,
      // not to a page that is still covered.
      if (event.key === "Escape" || (event.key === "Tab" && OVERLAY.matches)) {
        event.preventDefault();
        close(search, OVERLAY.matches ? finder : dialog.querySelector("input"));
      }
    });
    document.addEventListener("focusin", function (event) {
      var inside = dialog.contains(event.target) || (drawn && drawn.contains(event.target));
      if (isOpen() && !inside && event.target !== finder) {
        close(search, null);
      }
    });
    if (drawn) {
      new MutationObserver(function () {
        // Closed by Zensical itself: the toggle goes back quietly (no change
        // event, which Zensical would take as an order to open it again), so
        // the header's styles follow and the next press opens it.
        if (!isOpen() && search.checked) { search.checked = false; }
        sync();
      }).observe(drawn.shadowRoot, {subtree: true, childList: true, attributes: true,
                                    attributeFilter: ["open"]});
    }
    OVERLAY.addEventListener("change", sync);
    sync();
  }

  function setup() {
    document.querySelectorAll(".md-header .md-select").forEach(headerMenu);
    setupDrawer();
    setupSearch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
