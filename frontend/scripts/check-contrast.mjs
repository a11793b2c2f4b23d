// Checks the brand palette's pairings meet WCAG 2.2 AA: 4.5:1 for text,
// 3:1 for borders and focus indicators. Colours are read by name from
// frontend/sass/_brand.scss, so the Sass and this check cannot drift apart.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const brandFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "sass", "_brand.scss");
const palette = Object.fromEntries(
  [...(await readFile(brandFile, "utf8")).matchAll(/^\$([\w-]+):\s*(#[0-9a-f]{6})\s*;/gim)].map((m) => [
    m[1],
    m[2],
  ]),
);

// [foreground, background, minimum ratio, where it is used]
const PAIRS = [
  ["white", "teal-900", 4.5, "header and footer text and links"],
  ["white", "plum-700", 4.5, "button text"],
  ["white", "plum-900", 4.5, "button text on hover"],
  ["ink", "stone-50", 4.5, "body text on the page background"],
  ["ink", "white", 4.5, "body text on cards"],
  ["slate", "stone-50", 4.5, "secondary text (hints, metadata)"],
  ["slate", "white", 4.5, "secondary text on cards"],
  ["teal-700", "stone-50", 4.5, "links"],
  ["teal-700", "white", 4.5, "links on cards"],
  ["plum-700", "stone-50", 4.5, "visited links"],
  ["plum-900", "stone-50", 4.5, "links on hover"],
  ["ink", "plum-50", 4.5, "crisis signposting text"],
  ["teal-700", "plum-50", 4.5, "crisis signposting links"],
  ["plum-700", "plum-50", 4.5, "crisis signposting visited links"],
  ["ink", "pale-yellow", 4.5, "demo-content banner"],
  ["error-red", "white", 4.5, "error messages on white"],
  ["error-red", "stone-50", 4.5, "error messages"],
  ["ink", "focus-yellow", 4.5, "focused link text"],
  ["slate", "white", 3, "form control borders"],
  ["focus-yellow", "teal-900", 3, "focus indicator in the header"],
  ["ink", "stone-50", 3, "focus underline"],
];

function luminance(hex) {
  const [r, g, b] = hex
    .slice(1)
    .match(/../g)
    .map((part) => {
      const c = Number.parseInt(part, 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

let failures = 0;
for (const [fg, bg, minimum, use] of PAIRS) {
  if (!palette[fg] || !palette[bg]) {
    console.error(`check-contrast: ${fg} or ${bg} is not defined in _brand.scss`);
    process.exit(1);
  }
  const ratio = contrast(palette[fg], palette[bg]);
  const ok = ratio >= minimum;
  if (!ok) failures += 1;
  console.log(
    `${ok ? "ok  " : "FAIL"} ${ratio.toFixed(2).padStart(5)}:1 (min ${minimum}) ${fg} ${palette[fg]} on ${bg} ${palette[bg]}: ${use}`,
  );
}
if (failures) {
  console.error(`check-contrast: ${failures} pairing(s) below WCAG AA.`);
  process.exit(1);
}
