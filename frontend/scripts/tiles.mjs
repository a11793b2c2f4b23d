// Plain, neutral 256×256 map tiles for tests and `make run`: no map data, no
// downloads. One PNG is encoded here and copied to every z/x/y over England
// and Wales, so Leaflet maps render a calm background instead of 404s.
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateSync } from "node:zlib";

const SIZE = 256;
// England and Wales, with a margin: west, south, east, north.
const BOUNDS = { west: -6.5, south: 49.8, east: 2.0, north: 55.9 };
const LAND = [0xec, 0xea, 0xe6];
const GRID = [0xdc, 0xd9, 0xd3];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A two-colour palette PNG: flat land with a faint line on the top and left edges. */
export function blankTile() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8-bit, indexed colour, default compression/filter, no interlace
  const rows = Buffer.alloc((SIZE + 1) * SIZE);
  for (let y = 0; y < SIZE; y += 1) {
    const start = y * (SIZE + 1); // each row: filter byte 0, then palette indices
    for (let x = 0; x < SIZE; x += 1) rows[start + 1 + x] = x === 0 || y === 0 ? 1 : 0;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("PLTE", Buffer.from([...LAND, ...GRID])),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function tileX(lon, z) {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

function tileY(lat, z) {
  const rad = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
}

/** Writes tiles for zoom 0..maxZoom under `dir` (as {z}/{x}/{y}.png); returns how many. */
export async function writeTiles(dir, { maxZoom = 7 } = {}) {
  await mkdir(dir, { recursive: true });
  const source = path.join(dir, "blank.png");
  await writeFile(source, blankTile());
  let count = 0;
  for (let z = 0; z <= maxZoom; z += 1) {
    for (let x = tileX(BOUNDS.west, z); x <= tileX(BOUNDS.east, z); x += 1) {
      await mkdir(path.join(dir, String(z), String(x)), { recursive: true });
      for (let y = tileY(BOUNDS.north, z); y <= tileY(BOUNDS.south, z); y += 1) {
        await copyFile(source, path.join(dir, String(z), String(x), `${y}.png`));
        count += 1;
      }
    }
  }
  return count;
}
