// "Find on the map" for the admin's venue map (courses/panels.py, HubLeafletField).
// Looks a postcode, district or town up with our own geocoder endpoint, moves the
// wagtailgeowidget marker there and fills the location field. Nothing else is asked
// of any host. Listeners sit on the document, so the sessions an editor adds to an
// inline panel after the page loaded work too.

const ROOT = "[data-psh-venue-find]";
const ERROR_CLASS = "error-message";

function partsOf(root) {
  return {
    input: root.querySelector("input"),
    button: root.querySelector("[data-psh-venue-find-button]"),
    status: root.querySelector("[role='status']"),
    choices: root.querySelector("[data-psh-venue-find-choices]"),
  };
}

function announce(root, message, { error = false } = {}) {
  const { input, status } = partsOf(root);
  status.textContent = message;
  status.classList.toggle(ERROR_CLASS, error);
  if (error) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

function clearChoices(root) {
  const { choices } = partsOf(root);
  choices.replaceChildren();
  choices.hidden = true;
}

function offerChoices(root, labels) {
  const { choices } = partsOf(root);
  for (const label of labels) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-secondary";
    button.dataset.pshVenueFindChoice = label;
    button.textContent = label;
    const item = document.createElement("li");
    item.append(button);
    choices.append(item);
  }
  choices.hidden = labels.length === 0;
}

// The upstream widget builds its map only when its address field (our input) gains
// focus, and takes a point through that field's jQuery "searchGeocoded" event.
function moveMarker(root, latitude, longitude) {
  const { input } = partsOf(root);
  const map = document.getElementById(root.dataset.mapId);
  if (map && !map.classList.contains("leaflet-container")) {
    input.dispatchEvent(new FocusEvent("focus"));
  }
  window.jQuery(input).trigger("searchGeocoded", [{ lat: latitude, lng: longitude }]);
}

async function lookUp(root, query) {
  const url = `${root.dataset.geocodeUrl}?${new URLSearchParams({ q: query })}`;
  let response;
  try {
    response = await fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  } catch {
    return {
      error: "We couldn't reach the site to look that up. Check your connection and try again.",
    };
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // Not our JSON (a proxy's error page, a lost session): say so below.
  }
  if (response.ok && data && typeof data.latitude === "number") return data;
  if (data && data.error) return data;
  // A lost session answers with the login page: HTML, not JSON.
  const code = response.ok ? "" : ` (error ${response.status})`;
  return {
    error: `Looking that up failed${code}. Try again (sign in again if asked), or drag the marker.`,
  };
}

async function find(root) {
  const { input, button } = partsOf(root);
  const postcode = document.getElementById(root.dataset.postcodeId);
  const wanted = input.value.trim() || (postcode ? postcode.value.trim() : "");
  clearChoices(root);
  if (!wanted) {
    announce(root, "Enter a postcode, district or town to find, or fill in the venue's postcode.", {
      error: true,
    });
    input.focus();
    return;
  }
  button.disabled = true;
  root.setAttribute("aria-busy", "true");
  announce(root, `Looking up ${wanted}…`);
  const result = await lookUp(root, wanted);
  button.disabled = false;
  root.removeAttribute("aria-busy");
  if (result.error) {
    announce(root, result.error, { error: true });
    offerChoices(root, result.choices || []);
    return;
  }
  moveMarker(root, result.latitude, result.longitude);
  announce(
    root,
    `Moved the marker to the centre of ${result.label}. Drag it to the venue if you know where it is.`,
  );
}

document.addEventListener("click", (event) => {
  const root = event.target.closest(ROOT);
  if (!root) return;
  const choice = event.target.closest("[data-psh-venue-find-choice]");
  if (choice) {
    const { input } = partsOf(root);
    input.value = choice.dataset.pshVenueFindChoice;
    input.focus();
    find(root);
  } else if (event.target.closest("[data-psh-venue-find-button]")) {
    find(root);
  }
});

// Enter in the field finds the place instead of submitting the page's form.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !event.target.matches(`${ROOT} input`)) return;
  event.preventDefault();
  find(event.target.closest(ROOT));
});
