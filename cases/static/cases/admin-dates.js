"use strict";
// Shows next to every uncertain-date field what the typed text reads as
// ("March 2025") or why it cannot be read, asking the admin's one parser.
(function () {
    const DELAY_MS = 250;
    const timers = new WeakMap();

    function readingOf(input) {
        const next = input.nextElementSibling;
        return next && next.classList.contains("fuzzy-date-reading") ? next : null;
    }

    function read(input) {
        const span = readingOf(input);
        const value = input.value.trim();
        if (!span) {
            return;
        }
        if (!value) {
            span.textContent = span.dataset.hint || "";
            span.classList.remove("fuzzy-date-error");
            return;
        }
        const url = new URL(input.dataset.readingUrl, window.location.href);
        url.searchParams.set("value", value);
        fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
            .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
            .then((answer) => {
                // A later keystroke has its own answer coming.
                if (input.value.trim() !== value) {
                    return;
                }
                span.textContent = answer.error || answer.reading;
                span.classList.toggle("fuzzy-date-error", Boolean(answer.error));
            })
            .catch(() => {});
    }

    // Delegated, so rows an inline adds later ("Add another") read too.
    document.addEventListener("input", (event) => {
        const input = event.target;
        if (!(input instanceof HTMLInputElement) || !input.classList.contains("fuzzy-date")) {
            return;
        }
        clearTimeout(timers.get(input));
        timers.set(input, setTimeout(() => read(input), DELAY_MS));
    });
})();
