// Builds frontend/build/: CSS from Sass, the JS bundle, Leaflet and demo map tiles.
// Usage: npm run build   (set PSH_TILE_MAX_ZOOM to bundle deeper demo tiles; default 7)
import { build as esbuild } from "esbuild";
import { copyFile, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

import { writeTiles } from "./tiles.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const frontend = path.join(root, "frontend");
const out = path.join(frontend, "build");
const modules = path.join(root, "node_modules");
const nhsukImages = path.join(modules, "nhsuk-frontend", "dist", "nhsuk", "assets", "images");
const leafletDist = path.join(modules, "leaflet", "dist");

async function clean() {
  await mkdir(out, { recursive: true });
  for (const entry of await readdir(out)) {
    if (entry !== ".gitkeep") await rm(path.join(out, entry), { recursive: true, force: true });
  }
}

async function buildCss() {
  const result = sass.compile(path.join(frontend, "sass", "site.scss"), {
    importers: [new sass.NodePackageImporter(root)],
    style: "compressed",
    // Deprecation notices inside nhsuk-frontend are theirs to fix, not ours.
    quietDeps: true,
  });
  await mkdir(path.join(out, "css"), { recursive: true });
  await writeFile(path.join(out, "css", "site.css"), result.css);

  // Copy only the icons the compiled CSS refers to (relative "../images/...").
  await mkdir(path.join(out, "images"), { recursive: true });
  const wanted = new Set([...result.css.matchAll(/url\("?\.\.\/images\/([^")]+)"?\)/g)].map((m) => m[1]));
  for (const name of wanted) await copyFile(path.join(nhsukImages, name), path.join(out, "images", name));
  for (const name of await readdir(path.join(frontend, "images"))) {
    await copyFile(path.join(frontend, "images", name), path.join(out, "images", name));
  }
}

function bundle(entry, outfile, format) {
  return esbuild({
    entryPoints: [path.join(frontend, "js", entry)],
    outfile: path.join(out, "js", outfile),
    bundle: true,
    minify: true,
    format,
    target: ["es2020"],
    legalComments: "none",
    logLevel: "warning",
  });
}

async function buildJs() {
  await bundle("site.mjs", "site.js", "esm");
  // The admin venue map's "find on the map": a classic script in the widget's media.
  await bundle(path.join("admin", "venue-find.mjs"), "admin-venue-find.js", "iife");
}

async function copyLeaflet() {
  const dest = path.join(out, "vendor", "leaflet");
  await mkdir(path.join(dest, "images"), { recursive: true });
  // The .map travels with leaflet.js: manifest static storage resolves the
  // sourceMappingURL comment and fails collectstatic if the file is missing.
  for (const name of ["leaflet.css", "leaflet.js", "leaflet.js.map"]) {
    await copyFile(path.join(leafletDist, name), path.join(dest, name));
  }
  for (const name of await readdir(path.join(leafletDist, "images"))) {
    await copyFile(path.join(leafletDist, "images", name), path.join(dest, "images", name));
  }
  await copyFile(path.join(modules, "leaflet", "LICENSE"), path.join(dest, "LICENSE"));
}

// Marker clustering for maps with many nearby markers. Only the structural
// MarkerCluster.css: the cluster colours are ours (sass/components/_map.scss).
async function copyMarkerCluster() {
  const source = path.join(modules, "leaflet.markercluster");
  const dest = path.join(out, "vendor", "leaflet.markercluster");
  await mkdir(dest, { recursive: true });
  for (const name of ["leaflet.markercluster.js", "leaflet.markercluster.js.map", "MarkerCluster.css"]) {
    await copyFile(path.join(source, "dist", name), path.join(dest, name));
  }
  await copyFile(path.join(source, "MIT-LICENCE.txt"), path.join(dest, "LICENSE"));
}

async function size(relative) {
  return (await stat(path.join(out, relative))).size;
}

const started = performance.now();
await clean();
await Promise.all([buildCss(), buildJs(), copyLeaflet(), copyMarkerCluster()]);
const tiles = await writeTiles(path.join(out, "tiles"), {
  maxZoom: Number.parseInt(process.env.PSH_TILE_MAX_ZOOM ?? "7", 10),
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  [
    `Built frontend/build in ${seconds}s`,
    `  css/site.css  ${kb(await size("css/site.css"))}`,
    `  js/site.js    ${kb(await size("js/site.js"))}`,
    `  js/admin-venue-find.js  ${kb(await size("js/admin-venue-find.js"))}`,
    "  vendor/leaflet/ (leaflet.css, leaflet.js, images/)",
    "  vendor/leaflet.markercluster/ (leaflet.markercluster.js, MarkerCluster.css)",
    `  tiles/        ${tiles} demo tiles`,
  ].join("\n"),
);
