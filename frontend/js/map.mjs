// Maps (courses, venues, networks, projects): progressive enhancement of a
// `[data-psh-map]` element. Leaflet itself is the bundled copy
// (vendor/leaflet/leaflet.js), loaded by the page's template only where a map is
// shown; a list on the page is always the map's equivalent, so nothing here is
// needed to use the site.
//
// The element's data attributes:
//   data-geojson-url      same-site URL of a GeoJSON FeatureCollection of Points
//   data-tile-url         tile URL template (MAP_TILE_URL)
//   data-tile-attribution tile attribution (MAP_TILE_ATTRIBUTION)
//   data-max-zoom         deepest zoom the tiles have (bundled demo tiles: 7)
//   data-centre           "lat,lng" to centre on when there is nothing to show
//   data-tile-bounds      optional "south,west,north,east": request no tiles outside
//   data-cluster          present: group nearby markers into clusters, when the page
//                         also loads vendor/leaflet.markercluster/ (else markers spread)
//
// Every source's features carry the same generic properties, chosen by the source:
//   title    (required) the popup's heading and link text
//   url      a same-site path ("/…"); anything else is shown without a link
//   place    where the marker is, e.g. "Leeds (LS6)": part of the marker's name
//   summary  an optional sentence
//   lines    an optional array of short text lines (if absent, `place` is shown)
//   label    an optional accessible name for the marker (default "title, place")
// All text is set as text, never parsed as HTML.

const ENGLAND_AND_WALES = [
  [49.9, -6.0],
  [55.9, 1.8],
];

// The bundled demo tiles (frontend/scripts/tiles.mjs) exist only over England
// and Wales with a margin. A same-site tile URL is always that set, so no tile
// outside it is asked for (a 404 each); a provider's tiles cover everywhere.
const DEMO_TILE_BOUNDS = [
  [49.8, -6.5],
  [55.9, 2.0],
];

function text(value) {
  return value == null ? "" : String(value);
}

function sameSiteUrl(url) {
  // Only same-site, relative links ("/…" but not "//host") become popups' hrefs.
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : null;
}

function paragraph(className, parts) {
  const p = document.createElement("p");
  if (className) {
    p.className = className;
  }
  parts.forEach((part, index) => {
    if (index > 0) {
      p.append(document.createElement("br"));
    }
    p.append(part);
  });
  return p;
}

function tileBounds(element) {
  if (element.dataset.tileBounds) {
    const [south, west, north, east] = element.dataset.tileBounds.split(",").map(Number);
    return [
      [south, west],
      [north, east],
    ];
  }
  return sameSiteUrl(element.dataset.tileUrl) ? DEMO_TILE_BOUNDS : undefined;
}

export function popupContent(properties) {
  const content = document.createElement("div");
  content.className = "psh-map__popup";
  const url = sameSiteUrl(properties.url);
  let heading = text(properties.title);
  if (url) {
    heading = document.createElement("a");
    heading.href = url;
    heading.textContent = text(properties.title);
  }
  content.append(paragraph("psh-map__popup-title", [heading]));
  if (properties.summary) {
    content.append(paragraph("psh-map__popup-summary", [text(properties.summary)]));
  }
  const lines = Array.isArray(properties.lines)
    ? properties.lines.map(text).filter(Boolean)
    : [text(properties.place)].filter(Boolean);
  if (lines.length) {
    content.append(paragraph("psh-map__popup-lines", lines));
  }
  return content;
}

export function markerLabel(properties) {
  if (properties.label) {
    return text(properties.label);
  }
  const title = text(properties.title);
  const place = text(properties.place);
  return place && place !== title ? `${title}, ${place}` : title;
}

// Keyboard users: Enter or Space on a marker opens its popup and moves focus to
// the popup's link; Escape closes it and returns focus to the marker.
function keyboardPopups(map, element) {
  let keyboardMarker = null;
  let openMarker = null;

  element.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && openMarker) {
      event.preventDefault();
      map.closePopup();
    }
  });

  return function watchMarker(marker) {
    marker.on("popupopen", (event) => {
      openMarker = marker;
      if (keyboardMarker === marker) {
        const link = event.popup.getElement()?.querySelector(".psh-map__popup-title a");
        link?.focus();
      }
    });
    marker.on("popupclose", () => {
      if (openMarker === marker) {
        openMarker = null;
      }
      if (keyboardMarker === marker) {
        keyboardMarker = null;
        marker.getElement()?.focus();
      }
    });
    marker.on("add", () => {
      marker.getElement()?.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          keyboardMarker = marker;
        }
        if (event.key === " ") {
          // A button opens on Space too (Leaflet handles Enter); don't scroll the page.
          event.preventDefault();
          marker.openPopup();
        }
      });
    });
  };
}

// Markers closer than this (in pixels) would overlap: too small to hit, and
// one hides the other (WCAG 2.5.8). The default icon is 25×41.
const MARKER_SPACING = 28;

// Nudge overlapping markers sideways at the current zoom, so each can be seen,
// clicked and tapped; each keeps its own point and popup. Run again on zoom.
function spreadMarkers(map, markers, L) {
  const placed = [];
  for (const marker of markers) {
    const point = map.latLngToLayerPoint(marker.getLatLng());
    let offset = 0;
    while (
      placed.some(
        (other) =>
          Math.abs(other.x - (point.x + offset)) < MARKER_SPACING &&
          Math.abs(other.y - point.y) < 41
      )
    ) {
      offset += MARKER_SPACING;
    }
    placed.push({ x: point.x + offset, y: point.y });
    if ((marker.pshOffset || 0) !== offset) {
      marker.pshOffset = offset;
      // The same <img> is kept (Leaflet reuses it), so focus and listeners stay.
      marker.setIcon(new L.Icon.Default({ iconAnchor: [12 - offset, 41], popupAnchor: [1 + offset, -34] }));
    }
  }
}

// Leaflet pans, zooms and fades in script, where the stylesheet's reduced-motion
// rule cannot reach: people who ask for less motion get every move at once.
const STILL_MAP = {
  zoomAnimation: false,
  fadeAnimation: false,
  markerZoomAnimation: false,
  inertia: false,
};

function wantsReducedMotion() {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

function holdStill(map) {
  // Keyboard panning, a popup's auto-pan and setView all slide through panBy
  // unless it is told not to animate.
  const panBy = map.panBy.bind(map);
  map.panBy = (offset, options) => panBy(offset, { ...options, animate: false });
}

// A cluster is a keyboard-focusable marker (Leaflet gives it role="button"):
// Enter zooms in to its markers.
function clusterIcon(L) {
  return (cluster) => {
    const count = cluster.getChildCount();
    const content = document.createElement("div");
    const number = document.createElement("span");
    number.setAttribute("aria-hidden", "true");
    number.textContent = String(count);
    const name = document.createElement("span");
    name.className = "nhsuk-u-visually-hidden";
    name.textContent = `${count} places close together: zoom in`;
    content.append(number, name);
    const size = count < 10 ? "small" : count < 50 ? "medium" : "large";
    return L.divIcon({
      html: content,
      className: `psh-map__cluster psh-map__cluster--${size}`,
      iconSize: L.point(40, 40),
    });
  };
}

// At the deepest zoom there is nothing left to zoom into: markers show one by one,
// nudged apart as on unclustered maps, rather than fanned out on a click.
function addMarkers(map, layer, element, L, still) {
  const markers = layer.getLayers();
  if ("cluster" in element.dataset && typeof L.markerClusterGroup === "function") {
    const group = L.markerClusterGroup({
      showCoverageOnHover: false,
      disableClusteringAtZoom: map.getMaxZoom(),
      iconCreateFunction: clusterIcon(L),
      ...(still ? { animate: false, animateAddingMarkers: false } : {}),
    });
    const spreadAtDeepest = () => {
      if (map.getZoom() >= map.getMaxZoom()) {
        spreadMarkers(map, markers, L);
      }
    };
    group.addLayers(markers);
    group.addTo(map);
    map.on("zoomend", spreadAtDeepest);
    spreadAtDeepest();
    return;
  }
  layer.addTo(map);
  map.on("zoomend", () => spreadMarkers(map, markers, L));
  spreadMarkers(map, markers, L);
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
  const still = wantsReducedMotion();
  const map = L.map(element, {
    maxZoom,
    minZoom: 5,
    keyboard: true,
    scrollWheelZoom: false,
    ...(still ? STILL_MAP : {}),
  });
  if (still) {
    holdStill(map);
  }
  const bounds = tileBounds(element);
  L.tileLayer(element.dataset.tileUrl, {
    maxZoom,
    attribution: element.dataset.tileAttribution || "",
    ...(bounds ? { bounds } : {}),
  }).addTo(map);
  const watchMarker = keyboardPopups(map, element);
  const layer = L.geoJSON(data, {
    pointToLayer(feature, latlng) {
      const label = markerLabel(feature.properties || {});
      return L.marker(latlng, { title: label, alt: label, keyboard: true });
    },
    onEachFeature(feature, marker) {
      marker.bindPopup(popupContent(feature.properties || {}));
      watchMarker(marker);
    },
  });
  const featureBounds = layer.getBounds();
  if (featureBounds.isValid()) {
    map.fitBounds(featureBounds, { padding: [24, 24], maxZoom });
  } else if (element.dataset.centre) {
    map.setView(element.dataset.centre.split(",").map(Number), Math.min(maxZoom, 9));
  } else {
    map.fitBounds(ENGLAND_AND_WALES);
  }
  addMarkers(map, layer, element, L, still);
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
