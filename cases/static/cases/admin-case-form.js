/*
 * The case form: an event shows the fields of its kind only. A sentence has a
 * prison term, fine and other penalties; a pretrial order or extension has a
 * term of custody. The server refuses them on other kinds; here they are only
 * hidden, and shown again when they hold a value the server refused.
 */
(function () {
  "use strict";

  var KIND_FIELDS = {
    sentence: ["term_months", "life_sentence", "fine_amount", "fine_currency", "other_penalties"],
    pretrial: ["custody_term_months", "custody_term_days", "custody_ends_on_given", "custody_ends_on"]
  };
  var KINDS = {
    sentence: ["sentence"],
    pretrial: ["pretrial_ordered", "pretrial_extended"]
  };

  function eventOf(select) {
    return select.closest(".inline-related") || select.closest("form");
  }

  function update(select) {
    var event = eventOf(select);
    if (!event) {
      return;
    }
    Object.keys(KIND_FIELDS).forEach(function (group) {
      var shown = KINDS[group].indexOf(select.value) !== -1;
      KIND_FIELDS[group].forEach(function (name) {
        event.querySelectorAll(".form-row.field-" + name).forEach(function (row) {
          var refused = row.querySelector(".errorlist") !== null;
          // Not the hidden attribute: the admin's .form-row display rule would override it.
          row.style.display = shown || refused ? "" : "none";
        });
      });
    });
  }

  function updateAll(root) {
    root.querySelectorAll("select[data-event-kind]").forEach(function (select) {
      if (!select.closest(".empty-form")) {
        update(select);
      }
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-event-kind]")) {
      update(event.target);
    }
  });
  document.addEventListener("formset:added", function (event) {
    updateAll(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { updateAll(document); });
  } else {
    updateAll(document);
  }
})();
