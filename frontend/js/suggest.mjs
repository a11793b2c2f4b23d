// Autocomplete for search boxes that carry data-suggest-url: fills a native
// <datalist>, which browsers and screen readers already know how to use from the
// keyboard. Without JavaScript the box is a plain search field.
const MIN_LENGTH = 2;
const DELAY_MS = 200;

function enhance(input) {
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  input.after(list);
  input.setAttribute("list", list.id);
  let timer;
  let controller;

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const term = input.value.trim();
    if (term.length < MIN_LENGTH) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        const url = `${input.dataset.suggestUrl}?q=${encodeURIComponent(term)}`;
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const { suggestions } = await response.json();
        list.replaceChildren(
          ...suggestions.map((text) => Object.assign(document.createElement("option"), { value: text })),
        );
      } catch {
        // Suggestions are a nicety: a failed request leaves the plain search box.
      }
    }, DELAY_MS);
  });
}

document.querySelectorAll("input[data-suggest-url][id]").forEach(enhance);
