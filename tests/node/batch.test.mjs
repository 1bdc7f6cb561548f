// The fast batch (`checkActions`) and the worker filter (`createWorkerFilter`) in Node.
import { test } from "node:test";
import assert from "node:assert/strict";

const pkgDir = new URL("../../pkg/", import.meta.url);
const { MessageFilter, ACTIONS, createWorkerFilter } = await import(new URL("node.js", pkgDir));

const TEXTS = [
  "Does this fit a 7-year-old?",
  "send me a video of your daughter's feet",
  "",
  "宝宝脚长14cm能穿吗",
  "you stupid b1tch, answer me",
  "emoji 👧🏽‍🦰 and a lone surrogate \ud800 in the middle",
  "加我vx详聊，价格好说",
  "x".repeat(70_000), // past the analysed limit: never shown
];

test("checkActions gives, for each text, the action checkBatch gives", () => {
  const f = new MessageFilter({ level: "medium" });
  const actions = f.checkActions(TEXTS);
  assert.ok(actions instanceof Uint8Array);
  assert.deepEqual([...actions].map((a) => ACTIONS[a]), f.checkBatch(TEXTS).map((v) => v.action));
  assert.ok(actions.includes(2) && actions.includes(0));
  assert.deepEqual([...f.checkActions([])], []);
  for (const level of ["off", "low", "high", "strict"]) {
    const g = new MessageFilter({ level });
    assert.deepEqual([...g.checkActions(TEXTS)].map((a) => ACTIONS[a]), g.checkBatch(TEXTS).map((v) => v.action), level);
  }
});

test("checkActions throws a TypeError naming the argument, and the filter still works", () => {
  const f = new MessageFilter();
  for (const v of [42, "text", {}, null, undefined, true]) {
    assert.throws(() => f.checkActions(v), (e) => e instanceof TypeError && /checkActions\(texts\)/.test(e.message));
  }
  assert.throws(() => f.checkActions(["ok", 7]), (e) => e instanceof TypeError && /texts\[1\]/.test(e.message));
  assert.deepEqual([...f.checkActions(TEXTS.slice(0, 2))], [0, 2]);
});

test("a worker filter answers as the filter does, with promises", async () => {
  const w = await createWorkerFilter({ level: "medium" });
  try {
    const local = new MessageFilter({ level: "medium" });
    assert.deepEqual(await w.checkBatch(TEXTS), local.checkBatch(TEXTS));
    assert.deepEqual(await w.check(TEXTS[1], { sender: "u1" }), local.check(TEXTS[1], { sender: "u1" }));
    assert.deepEqual([...(await w.checkActions(TEXTS))], [...local.checkActions(TEXTS)]);
    // Errors keep their kind, and the worker goes on.
    await assert.rejects(w.check(42), (e) => e instanceof TypeError && /check\(text\)/.test(e.message));
    await assert.rejects(w.importState("{not a snapshot"), (e) => e instanceof Error);
    assert.equal((await w.check(TEXTS[1])).action, "hide");
    // Memory and settings live in the worker.
    await w.block("u1");
    assert.deepEqual(await w.blockedSenders(), ["u1"]);
    await w.setSettings({ level: "strict" });
    assert.equal((await w.settings()).level, "strict");
    // Calls run in order: a check after loadModel sees the model.
    const [, has] = await Promise.all([w.loadModel(), w.hasModel()]);
    assert.equal(has, true);
  } finally {
    w.terminate();
  }
  await assert.rejects(w.check("hi"), /terminated/);
});

test("createWorkerFilter rejects settings the engine refuses", async () => {
  await assert.rejects(createWorkerFilter({ level: "extreme" }), /invalid settings/);
});
