#!/usr/bin/env node
/* Draws the add-in's icons (assets/icon-<size>.png): three rising white bars on navy. Run once; the PNGs are committed. */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const navy = [0x1f, 0x3a, 0x5f, 255];
  const white = [255, 255, 255, 255];
  const clear = [0, 0, 0, 0];
  const r = Math.max(1, Math.round(size * 0.12));
  const bars = [
    [0.2, 0.36, 0.55],
    [0.43, 0.59, 0.38],
    [0.66, 0.82, 0.2],
  ];
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const cx = Math.min(x, size - 1 - x), cy = Math.min(y, size - 1 - y);
      let px = navy;
      if (cx < r && cy < r && (r - cx) ** 2 + (r - cy) ** 2 > r * r) px = clear;
      for (const [x0, x1, top] of bars) {
        if (x >= x0 * size && x < x1 * size && y >= top * size && y < 0.8 * size) px = white;
      }
      row.push(...px);
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
for (const s of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${s}.png`), png(s));
console.log("wrote assets/icon-{16,32,64,80,128}.png");
