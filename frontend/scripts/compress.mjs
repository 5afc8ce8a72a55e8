// Precompresses the built app for the Go server (platform/web/assets.go), which sends the copy a
// browser accepts: name.br (brotli, quality 11) and name.gz (gzip, level 9) next to each text file
// of dist/app, kept only when smaller. Node's own zlib: no dependency, and the same bytes on every
// build (gzip's header carries no time).
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync } from "node:fs";
import { join, extname } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/compress.mjs DIR (the built app, e.g. dist/app)");
  process.exit(2);
}
const compressible = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map", ".wasm"]);
const minBytes = 256; // below this a compressed copy saves less than its headers cost

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

let identity = 0, br = 0, gz = 0, count = 0;
for (const file of [...files(dir)]) {
  if (file.endsWith(".br") || file.endsWith(".gz")) {
    unlinkSync(file); // a copy left by an earlier build
    continue;
  }
  if (!compressible.has(extname(file))) continue;
  const data = readFileSync(file);
  if (data.length < minBytes) continue;
  const b = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  const g = gzipSync(data, { level: 9 });
  if (b.length < data.length) writeFileSync(file + ".br", b);
  if (g.length < data.length) writeFileSync(file + ".gz", g);
  identity += data.length;
  br += Math.min(b.length, data.length);
  gz += Math.min(g.length, data.length);
  count++;
}
const kB = (n) => (n / 1024).toFixed(1) + " kB";
console.log(`compressed ${count} files: ${kB(identity)} → brotli ${kB(br)}, gzip ${kB(gz)}`);
