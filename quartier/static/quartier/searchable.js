/* Starts Tom Select on every select marked data-searchable (quartier/lib/searchable.py).
   Without this file, or without JavaScript, the select itself is the field. */
(function () {
  "use strict";

  function start(select) {
    if (select.tomselect) {
      return;
    }
    var multiple = select.multiple;
    var settings = {
      searchField: ["text", "terms"],
      maxOptions: null,
      // The options are all in the page: filter at every key, so that Enter right
      // after typing takes the match for what was typed, not for its first letters.
      refreshThrottle: 0,
      closeAfterSelect: !multiple,
      hidePlaceholder: true,
      render: {
        no_results: function () {
          var note = document.createElement("div");
          note.className = "no-results";
          note.textContent = select.dataset.noResults || "";
          return note;
        }
      }
    };
    if (multiple) {
      settings.plugins = {
        remove_button: {
          title: (select.dataset.remove || "").replace(/[<>"&]/g, "")
        }
      };
    }
    var control = new window.TomSelect(select, settings);
    // Tom Select moves the label to its search box; the select it hides keeps the name.
    var label = control.focus_node.getAttribute("aria-labelledby");
    if (label) {
      select.setAttribute("aria-labelledby", label);
    }
  }

  function startAll() {
    if (!window.TomSelect) {
      return;
    }
    document.querySelectorAll("select[data-searchable]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
