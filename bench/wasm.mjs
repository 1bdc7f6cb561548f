// Speed of the built npm package (pkg/) in Node: start-up (instantiate + first check, which
// compiles the word lists) and per-message time, one call at a time and in batches.
// Usage: node bench/wasm.mjs [DATA_DIR] [--model] [--pkg DIR]   (run `make pkg` first; `make bench`
// does both). --pkg times another build of the package (scripts/opt_study.sh).
// --model loads the n-gram model asset (pkg/veil-model.bin) first and times that too.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { performance } from "node:perf_hooks";

const pkgAt = process.argv.indexOf("--pkg");
const pkg = pkgAt > 0
  ? new URL(`file://${process.argv[pkgAt + 1].replace(/\/?$/, "/")}`)
  : new URL("../pkg/", import.meta.url);
const t0 = performance.now();
const { initSync, MessageFilter } = await import(new URL("veil.js", pkg));
const exports = initSync({ module: readFileSync(new URL("veil_bg.wasm", pkg)) });
const filter = new MessageFilter({ level: "medium" });
filter.check("warm up");
const startup = performance.now() - t0;
let modelLine = "";
if (process.argv.includes("--model")) {
  const bytes = readFileSync(new URL("veil-model.bin", pkg));
  const m0 = performance.now();
  filter.loadModelBytes(bytes);
  modelLine = `, n-gram model (${Math.round(bytes.length / 1024)} KB) loaded in ${(performance.now() - m0).toFixed(1)} ms`;
}

let texts = [
  "Does this fit a 7-year-old?",
  "宝宝脚长14cm能穿吗",
  "send me a video of your daughter's feet",
  "加我vx详聊，价格好说",
  "Hi! Is the blue coat still available? I can pick it up on Saturday morning if that works for you.",
  "你好，请问这件外套还在吗？周六可以自提吗？我家孩子身高120，穿什么码合适呢？谢谢",
];
const dir = process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--pkg");
if (dir && existsSync(dir)) {
  texts = readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => readFileSync(`${dir}/${f}`, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l).text));
}
const rounds = texts.length < 1000 ? 2000 : 1;
let start = performance.now();
for (let r = 0; r < rounds; r++) for (const t of texts) filter.check(t);
const single = (performance.now() - start) / (rounds * texts.length);
start = performance.now();
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < texts.length; i += 256) filter.checkBatch(texts.slice(i, i + 256));
}
const batched = (performance.now() - start) / (rounds * texts.length);
start = performance.now();
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < texts.length; i += 256) filter.checkPacked(texts.slice(i, i + 256).join(""), Uint32Array.from(texts.slice(i, i + 256), (t) => t.length));
}
const packed = (performance.now() - start) / (rounds * texts.length);
const afterMessages = exports.memory.buffer.byteLength;
console.log(`wasm in Node ${process.version}: start-up ${startup.toFixed(1)} ms${modelLine}`);
console.log(`${texts.length} messages x ${rounds}: ${(single * 1000).toFixed(1)} µs per message one by one, ${(batched * 1000).toFixed(1)} µs in batches of 256, ${(packed * 1000).toFixed(1)} µs packed (checkActions)`);
for (const [name, unit] of [["1 MB of dense English harm", "send me pics of your daughter's feet "],
  ["1 MB of dense Chinese harm", "你女儿的脚真白 发几张照片 "], ["1 MB of one character", "a"]]) {
  const t = unit.repeat(Math.floor(1_000_000 / new TextEncoder().encode(unit).length));
  const s0 = performance.now();
  const v = filter.check(t);
  console.log(`${name}: ${(performance.now() - s0).toFixed(1)} ms (${v.action}, truncated: ${v.truncated === true})`);
}
const mb = (n) => `${(n / 2 ** 20).toFixed(1)} MB`;
console.log(`wasm linear memory: ${mb(afterMessages)} after the messages, ${mb(exports.memory.buffer.byteLength)} after the megabyte ones`);
