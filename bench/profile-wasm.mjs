// Where a check's time goes in the wasm build, by pipeline stage: Node's sampling profiler
// (node:inspector) over `check()` on every 8th labelled message, repeated. A sample counts for
// every stage on its stack, so the shares are inclusive, like scripts/profile_stages.sh natively.
// Needs a build that keeps function names: scripts/build-pkg.sh leaves one in target/pkg-named
// (the shipped code before wasm-opt, which only strips and shrinks it further).
// Usage: node bench/profile-wasm.mjs [DATA_DIR] [PKG_DIR]     (make profile)
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = process.argv[2] ?? join(root, "..", "shared", "data");
const pkg = process.argv[3] ?? join(root, "target", "pkg-named");
if (!existsSync(dir) || !existsSync(join(pkg, "veil_bg.wasm"))) {
  console.log(`profile-wasm: skipped: needs the data (${dir}) and a named build (${pkg}; make pkg)`);
  process.exit(0);
}
const texts = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort().flatMap((f) =>
  readFileSync(join(dir, f), "utf8").split("\n").filter(Boolean).filter((_, i) => i % 8 === 0).map((l) => JSON.parse(l).text));
const { initSync, MessageFilter } = await import(join(pkg, "veil.js"));
initSync({ module: readFileSync(join(pkg, "veil_bg.wasm")) });
const filter = new MessageFilter({ level: "medium" });
for (const t of texts) filter.check(t); // warm up: tiered-up code, as in a long-running client

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
for (let r = 0; r < 3; r++) for (const t of texts) filter.check(t);
const { profile } = await session.post("Profiler.stop");

// Stages by the Rust function names the wasm keeps (most specific first).
const STAGES = [
  ["normalise", /veil::normalize::/],
  ["lexicon: word lists (matcher)", /veil::matcher::/],
  ["lexicon: patterns (regex)", /regex_lite::/],
  ["lexicon, all (matcher, patterns, boundaries, allow-list)", /veil::lexicon::/],
  ["rules", /veil::rules::/],
  ["features", /veil::features::/],
  ["scoring, policy, spans, reasons", /veil::Filter::verdict|veil::score::|veil::policy::/],
  ["verdict to a JS object (serde-wasm-bindgen, glue)", /serde_wasm_bindgen|^__wbg_|js_sys::|veil::wasm::to_js|veil::wasm::utf16_offsets/],
  ["allocation (dlmalloc)", /dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc/],
];
const parent = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map();
let total = 0;
for (const id of profile.samples) {
  const labels = new Set();
  let inCheck = false;
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const name = byId.get(at).callFrame.functionName;
    if (/MessageFilter.*check|messagefilter_check|^check$/.test(name)) inCheck = true;
    for (const [label, re] of STAGES) if (re.test(name)) labels.add(label);
  }
  if (!inCheck && labels.size === 0) continue; // the loop itself, timers, GC elsewhere
  total++;
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
}
console.log(`wasm in Node ${process.version}, ${texts.length} messages x 3, ${total} samples in check()`);
console.log("");
console.log("| stage | share of a check |");
console.log("|---|---:|");
for (const [label] of STAGES) console.log(`| ${label} | ${((100 * (counts.get(label) ?? 0)) / total).toFixed(1)} % |`);
