// Hardening at the JS boundary: every exported call checks its arguments and throws a TypeError
// naming the argument (never a wasm trap), and the filter still works after each.
import { test } from "node:test";
import assert from "node:assert/strict";

const pkgDir = new URL("../../pkg/", import.meta.url);
const { MessageFilter } = await import(new URL("node.js", pkgDir));

const filterStillWorks = (f) => {
  assert.equal(f.check("send me a video of your daughter's feet").action, "hide");
  assert.equal(f.check("Does this fit a 7-year-old?").action, "show");
  assert.equal(f.checkBatch(["hi", "send me a video of your daughter's feet"])[1].action, "hide");
};

test("check(text) throws a TypeError naming the argument for anything but a string", () => {
  const f = new MessageFilter();
  const bad = [42, {}, true, 3n, null, undefined, [], () => "x", Symbol("s"), new String("boxed")];
  for (const v of bad) {
    assert.throws(() => f.check(v), (e) => e instanceof TypeError && /check\(text\)/.test(e.message), String(typeof v));
    filterStillWorks(f);
  }
});

test("check(text, meta) refuses metadata that is not an object", () => {
  const f = new MessageFilter();
  for (const v of [5, "sender", [], true]) {
    assert.throws(() => f.check("hi", v), (e) => e instanceof TypeError && /check\(meta\)/.test(e.message));
  }
  assert.throws(() => f.check("hi", { time: "yesterday" }), /invalid message metadata/);
  filterStillWorks(f);
});

test("checkBatch(texts) needs an array of strings and names the first bad index", () => {
  const f = new MessageFilter();
  for (const v of ["not an array", 7, null, undefined, {}, new Set(["a"])]) {
    assert.throws(() => f.checkBatch(v), (e) => e instanceof TypeError && /checkBatch\(texts\)/.test(e.message));
  }
  assert.throws(() => f.checkBatch(["ok", 1]), (e) => e instanceof TypeError && /texts\[1\]/.test(e.message));
  assert.deepEqual(f.checkBatch([]), []);
  filterStillWorks(f);
});

test("loadModelBytes(bytes) needs a Uint8Array", () => {
  const f = new MessageFilter();
  for (const v of ["bytes", 7, null, [1, 2, 3]]) {
    assert.throws(() => f.loadModelBytes(v), (e) => e instanceof TypeError && /loadModelBytes\(bytes\)/.test(e.message));
  }
  assert.equal(f.hasModel, false);
  filterStillWorks(f);
});

test("spans are UTF-16 ranges that never split a surrogate pair, for random text", () => {
  const f = new MessageFilter({ level: "strict" });
  const pieces = ["send me pics of your daughter's feet", "你女儿的脚", "😀", "👧🏽‍🦰", "𝐟𝐞𝐞𝐭", "\u202e", "\u200b",
    "e\u0301", " ", "加v 138 1234 5678", "you stupid b1tch", "\ud83d", "\ude00", "x"];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;
  for (let n = 0; n < 2000; n++) {
    let text = "";
    for (let k = next() % 8; k > 0; k--) text += pieces[next() % pieces.length];
    const v = f.check(text);
    for (const c of v.categories) {
      for (const s of c.spans) {
        assert.ok(0 <= s.start && s.start < s.end && s.end <= text.length, JSON.stringify({ text, s }));
        assert.ok(!isLow(text.charCodeAt(s.start)), `span starts inside a pair: ${JSON.stringify(text)}`);
        assert.ok(s.end === text.length || !isLow(text.charCodeAt(s.end)), `span ends inside a pair: ${JSON.stringify(text)}`);
      }
    }
  }
});

test("a message past the 64 KiB limit is marked truncated and never shown", () => {
  const f = new MessageFilter();
  const v = f.check("Is the blue coat still available? ".repeat(3000));
  assert.equal(v.truncated, true);
  assert.notEqual(v.action, "show");
  assert.equal(f.check("Is the blue coat still available?").truncated, undefined);
});

test("sender memory: block, recognition on a new account, state export and import", () => {
  const f = new MessageFilter();
  f.check("add me on vx: XM_2024, send pics of her feet", { sender: "a", name: "Marco" });
  f.block("a");
  assert.deepEqual(f.blockedSenders(), ["a"]);
  const v = f.check("薇信 x m _ 2 0 2 4", { sender: "b", name: "Sunny" });
  assert.equal(v.action, "hide");
  assert.ok(v.categories.some((c) => c.category === "ban_evasion"));
  assert.ok(v.reasons.some((r) => r.en.includes("sender you blocked") && r.zh.length > 0));
  const state = f.exportState();
  const g = new MessageFilter();
  g.importState(state);
  assert.equal(g.check("V❤ xm2024", { sender: "c" }).action, "hide");
  // A bad snapshot throws and leaves the memory as it was.
  for (const bad of [state.slice(0, 100), state.replace("xm2024", "xm2099"), "{}", "nope"]) {
    assert.throws(() => g.importState(bad), /veil: the memory snapshot/);
  }
  assert.throws(() => g.importState(42), TypeError);
  assert.equal(g.check("V❤ xm2024", { sender: "d" }).action, "hide");
  g.trust("e");
  assert.equal(g.check("V❤ xm2024", { sender: "e" }).categories.some((c) => c.category === "ban_evasion"), false);
  assert.throws(() => g.block(7), TypeError);
});
