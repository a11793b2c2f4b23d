// Course and venue maps: progressive enhancement of a `[data-psh-map]` element.
// Leaflet itself is the bundled copy (vendor/leaflet/leaflet.js), loaded by the
// page's template only where a map is shown; the list on the page is always the
// map's equivalent, so nothing here is needed to use the site.

const ENGLAND_AND_WALES = [
  [49.9, -6.0],
  [55.9, 1.8],
];

function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text == null ? "" : String(text);
  return span.innerHTML;
}

function popupContent(properties) {
  // Only same-site, relative links become popups' hrefs.
  const url = typeof properties.url === "string" && properties.url.startsWith("/") ? properties.url : "#";
  return (
    `<p class="psh-map__popup-title"><a href="${escapeHtml(url)}">${escapeHtml(properties.title)}</a></p>` +
    `<p>${escapeHtml(properties.recognition)}</p>` +
    `<p>${escapeHtml(properties.place)}<br>Next: ${escapeHtml(properties.next_date)}</p>`
  );
}

async function startMap(element, L) {
  const maxZoom = Number.parseInt(element.dataset.maxZoom || "7", 10);
  const response = await fetch(element.dataset.geojsonUrl, {
    headers: { Accept: "application/geo+json" },
    credentials: "same-origin",
  });
  if (!response.ok) {
    return;
  }
  const data = await response.json();
  element.replaceChildren();
  element.classList.add("psh-map--ready");
  const map = L.map(element, { maxZoom, minZoom: 5, keyboard: true, scrollWheelZoom: false });
  L.tileLayer(element.dataset.tileUrl, {
    maxZoom,
    attribution: element.dataset.tileAttribution || "",
  }).addTo(map);
  const layer = L.geoJSON(data, {
    pointToLayer(feature, latlng) {
      const label = `${feature.properties.title}, ${feature.properties.place}`;
      return L.marker(latlng, { title: label, alt: label, keyboard: true });
    },
    onEachFeature(feature, marker) {
      marker.bindPopup(popupContent(feature.properties));
    },
  }).addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom });
  } else if (element.dataset.centre) {
    map.setView(element.dataset.centre.split(",").map(Number), Math.min(maxZoom, 9));
  } else {
    map.fitBounds(ENGLAND_AND_WALES);
  }
  element.dataset.pshMapFeatures = String(data.features.length);
}

export function startMaps(root = document) {
  const L = window.L;
  if (!L) {
    return;
  }
  for (const element of root.querySelectorAll("[data-psh-map]")) {
    startMap(element, L).catch(() => {
      // Leave the fallback text: the list on the page has the same places.
    });
  }
}

startMaps();
