// Runs the browser search (search_index/assets/hk-search.js, as copied into a built site) in Node,
// loading index files exactly as the page does, through a script loader hook.
//
//   node bench/search_node.js ASSETS_DIR [--limit N] [--cold]  < queries.jsonl  > results.jsonl
//
// Each input line is a JSON string (the query); each output line is
// {"slugs": [...], "scores": [...], "suggestion": ..., "bytes": N, "files": N, "ms": T}.
// --cold opens a fresh page (empty cache) for every query, to measure bytes fetched per query.
// --terms prints {"terms": [...]} instead: the browser analyzer's terms of each line (tests compare with Python).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const readline = require("readline");

const args = process.argv.slice(2);
const assets = path.resolve(args[0]);
const limit = args.includes("--limit") ? parseInt(args[args.indexOf("--limit") + 1], 10) : 5;
const cold = args.includes("--cold");
const termsOnly = args.includes("--terms");
const runtime = fs.readFileSync(path.join(assets, "hk-search.js"), "utf8");

function page() {
  const stats = { bytes: 0, files: 0 };
  const context = vm.createContext({ console, setTimeout, clearTimeout, Promise, Map, Set, URL });
  context.HELPKIT_BASE = "file://" + assets + "/";
  context.HelpkitSearchLoader = (url) => {
    const file = decodeURIComponent(url.replace(/^file:\/\//, ""));
    const code = fs.readFileSync(file);
    stats.bytes += code.length;
    stats.files += 1;
    vm.runInContext(code.toString("utf8"), context, { filename: file });
    return Promise.resolve();
  };
  stats.bytes += Buffer.byteLength(runtime);
  stats.files += 1;
  vm.runInContext(runtime, context, { filename: "hk-search.js" });
  return { context, stats };
}

let warm = null;
const rl = readline.createInterface({ input: process.stdin });
const queue = [];
rl.on("line", (line) => { if (line.trim()) queue.push(JSON.parse(line)); });
rl.on("close", async () => {
  for (const query of queue) {
    const p = cold || !warm ? page() : warm;
    if (!cold) warm = p;
    const before = p.stats.bytes, filesBefore = p.stats.files;
    const t0 = process.hrtime.bigint();
    let out;
    try {
      if (termsOnly) {
        const index = await p.context.HelpkitSearch.open();
        process.stdout.write(JSON.stringify({ terms: Array.from(index.analyzer.terms(query)) }) + "\n");
        continue;
      }
      const r = await p.context.HelpkitSearch.search(query, limit);
      out = { slugs: r.hits.map((h) => h.slug), scores: r.hits.map((h) => h.score), hrefs: r.hits.map((h) => h.href),
              suggestion: r.suggestion };
    } catch (e) {
      out = { error: String(e && e.stack || e) };
    }
    out.ms = Number(process.hrtime.bigint() - t0) / 1e6;
    out.bytes = p.stats.bytes - (cold ? 0 : before);
    out.files = p.stats.files - (cold ? 0 : filesBefore);
    process.stdout.write(JSON.stringify(out) + "\n");
  }
});
