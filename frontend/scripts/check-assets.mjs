// Fails if built CSS or JS would load anything from another host: an http(s)
// or protocol-relative address in url(...) or @import (CSS), or in a static or
// dynamic import (JS). data: URIs are allowed. Run by `npm run build`.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const build = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "build");
const EXTERNAL = String.raw`\s*["']?\s*(?:https?:)?\/\/`;
const PATTERNS = [
  { name: "url()", re: new RegExp(String.raw`url\(${EXTERNAL}`, "gi") },
  { name: "@import", re: new RegExp(String.raw`@import${EXTERNAL}`, "gi") },
  { name: "@import url()", re: new RegExp(String.raw`@import\s+url\(${EXTERNAL}`, "gi") },
  { name: "import", re: /\bimport\s*(?:\(|[^;]*?\bfrom)\s*["'`](?:https?:)?\/\//g },
];

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(css|js|mjs)$/.test(entry.name)) yield full;
  }
}

let checked = 0;
const problems = [];
for await (const file of files(build)) {
  checked += 1;
  const text = await readFile(file, "utf8");
  for (const { name, re } of PATTERNS) {
    for (const match of text.matchAll(re)) {
      const excerpt = text.slice(match.index, match.index + 80).replace(/\s+/g, " ");
      problems.push(`${path.relative(build, file)}: external ${name}: ${excerpt}`);
    }
  }
}

if (checked === 0) {
  console.error("check-assets: no built CSS or JS found; run `npm run build` first.");
  process.exit(1);
}
if (problems.length) {
  console.error(`check-assets: ${problems.length} external reference(s) in built assets:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`check-assets: ${checked} CSS/JS files, no external URLs.`);
