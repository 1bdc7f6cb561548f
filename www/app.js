// Threadbare — a second-hand kids' clothes marketplace inbox, protected by Veil.
// Everything runs in this page: the filter is WebAssembly, settings and the PIN hash live in
// localStorage, and the evidence export is a file created on this device.
//
// Sender memory lives in the engine: every incoming message is checked once, in arrival order,
// with its sender, by the one long-lived MessageFilter; blocking and unblocking go to the engine
// too, and its snapshot (filter.exportState()) is saved after every change and restored on start.

import init, { MessageFilter, categories as veilCategories, levels as veilLevels } from "./pkg/veil.js";
import { protect, reasonText } from "./pkg/dom.js";
import { translate } from "./i18n.js";
import { BUYERS, EVASION, HISTORY, LISTINGS, SCRIPT } from "./data.js";
import { clearPin, hasPin, setPin, validPin, verifyPin, waitSeconds } from "./pin.js";

const KEYS = {
  settings: "veil.demo.settings",
  lang: "veil.demo.lang",
  memory: "veil.demo.memory", // the engine's sender memory (filter.exportState())
  blockedAt: "veil.demo.blockedAt", // when each block was made, for display only
  legacyBlocked: "veil.demo.blocked", // the page's own block list before the engine kept it
  messages: "veil.demo.messages", // the inbox itself: kept on this device, never deleted
  script: "veil.demo.script",
};
const ACTIONS = ["show", "blur", "hide"];
const params = new URLSearchParams(location.search);

const $ = (id) => document.getElementById(id);
function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, "");
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

function readJSON(key, fallback) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || "null");
    return v ?? fallback;
  } catch {
    return fallback;
  }
}

const state = {
  lang: readJSON(KEYS.lang, null) || ((navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en"),
  settings: { level: "medium", overrides: {} },
  blockedAt: readJSON(KEYS.blockedAt, {}),
  messages: [],
  folder: "inbox",
  current: "u_dd",
  unlocked: false,
  perf: { times: [], inbox: null, inboxN: 0, startup: null },
  script: { i: Number(readJSON(KEYS.script, 0)) || 0, timer: null, playing: false },
  seq: 0,
};

let filter = null;
let CATEGORIES = [];
let LEVELS = [];

const t = (key, vars) => translate(state.lang, key, vars);
const buyer = (id) => BUYERS.find((b) => b.id === id);
const buyerName = (id) => (buyer(id) ? buyer(id)[state.lang] : id);
// The display name the account uses on the marketplace (not translated: it is the sender's own).
const accountName = (id) => (buyer(id) ? buyer(id).name || buyer(id).en : id);
// The blocked senders are the engine's: filter.blockedSenders(), oldest block first.
const blockedSenders = () => (filter ? filter.blockedSenders() : []);
const isBlocked = (id) => blockedSenders().includes(id);
const locked = () => hasPin() && !state.unlocked;

// ---------------------------------------------------------------- filtering

// The page's own rule on top of the engine: the blocked account's own later messages are hidden.
// (The engine flags OTHER accounts that look like a blocked sender: ban_evasion.)
function blockedVerdict(raw) {
  return {
    action: "hide",
    categories: raw.categories,
    reasons: [{ category: "blocked", en: translate("en", "blocked.reason"), zh: translate("zh", "blocked.reason") }, ...raw.reasons],
    blockedSender: true,
  };
}

const pageVerdict = (m) => (isBlocked(m.from) ? blockedVerdict(m.raw) : m.raw);

// The documented policy (README, src/policy.rs), used only to re-decide the action of what sender
// memory added to a verdict after the settings change; everything else is the engine's answer.
const RANK = { show: 0, blur: 1, hide: 2 };
const maxAction = (a, b) => (RANK[b] > RANK[a] ? b : a);
const LEVEL_TABLE = {
  off: ["show", "show", "show"],
  low: ["show", "show", "blur"],
  medium: ["show", "blur", "hide"],
  high: ["blur", "blur", "hide"],
  strict: ["blur", "hide", "hide"],
};
function policyAction(settings, category, severity) {
  if (settings.level === "off") return "show";
  const o = settings.overrides && settings.overrides[category];
  if (o) return o;
  const base = (LEVEL_TABLE[settings.level] || LEVEL_TABLE.medium)[Math.min(3, Math.max(1, severity)) - 1];
  if ((category === "sexual_minors" || category === "threat") && severity >= 3) return "hide";
  if (category === "profanity") return base === "hide" ? "blur" : base;
  return base;
}

// What sender memory added to a verdict (the verdict with memory against the same text without):
// ban_evasion, repeat_offender, and categories raised by the sender's earlier messages.
function memoryPart(withMem, plain) {
  const categories = withMem.categories.filter((h) => !plain.categories.some((p) => p.category === h.category && p.severity >= h.severity));
  const reasons = withMem.reasons.filter((r) => !plain.reasons.some((p) => p.category === r.category && p.en === r.en));
  return categories.length || reasons.length ? { categories, reasons } : null;
}

// A fresh content verdict (checked without a sender, so memory is not touched) with the memory
// part the message got when it arrived, its actions decided by the current settings.
function withMemory(fresh, mem, settings) {
  if (!mem) return fresh;
  const order = (c) => {
    const i = CATEGORIES.indexOf(c);
    return i < 0 ? CATEGORIES.length : i;
  };
  const extra = mem.categories
    .filter((h) => !fresh.categories.some((f) => f.category === h.category && f.severity >= h.severity))
    .map((h) => ({ ...h, action: policyAction(settings, h.category, h.severity) }));
  const replaced = new Set(extra.map((h) => h.category));
  const categories = [...fresh.categories.filter((h) => !replaced.has(h.category)), ...extra].sort((a, b) => order(a.category) - order(b.category));
  const reasons = [...mem.reasons.filter((r) => !fresh.reasons.some((f) => f.en === r.en)), ...fresh.reasons];
  const action = extra.reduce((a, h) => maxAction(a, h.action), fresh.action);
  return { ...fresh, action, categories, reasons };
}

// Checks a message. `remember`: this is the message's arrival, so it goes through sender memory
// (exactly once per message); otherwise only its text is checked and its stored memory part kept.
function classify(m, { remember = true } = {}) {
  if (m.outgoing) {
    m.raw = { action: "show", categories: [], reasons: [] };
    m.verdict = m.raw;
    return 0;
  }
  const t0 = performance.now();
  const v = remember
    ? filter.check(m.text, { sender: m.from, name: accountName(m.from), conversation: m.conv, time: m.time })
    : filter.check(m.text);
  const dt = performance.now() - t0;
  if (remember) {
    m.mem = memoryPart(v, filter.check(m.text));
    m.raw = v;
  } else {
    m.raw = withMemory(v, m.mem, state.settings);
  }
  m.verdict = pageVerdict(m);
  return dt;
}

// Re-check every message's text (after a settings change, or on start) and time the whole inbox.
// Sender memory is not asked again: each message keeps what memory said when it arrived.
function recheckInbox() {
  const incoming = state.messages.filter((m) => !m.outgoing);
  const t0 = performance.now();
  const verdicts = filter.checkBatch(incoming.map((m) => m.text));
  state.perf.inbox = performance.now() - t0;
  state.perf.inboxN = incoming.length;
  incoming.forEach((m, i) => {
    m.raw = withMemory(verdicts[i], m.mem, state.settings);
    m.verdict = pageVerdict(m);
    m.revealed = false;
  });
}

// Time a batch check of the whole inbox without touching what is on screen.
function timeInbox() {
  const texts = state.messages.filter((m) => !m.outgoing).map((m) => m.text);
  const t0 = performance.now();
  filter.checkBatch(texts);
  state.perf.inbox = performance.now() - t0;
  state.perf.inboxN = texts.length;
}

// After a block or unblock: the page's rule for the blocked account's own messages.
function applyBlocks() {
  for (const m of state.messages) {
    if (m.outgoing) continue;
    const v = pageVerdict(m);
    if (v.action !== m.verdict.action) m.revealed = false;
    m.verdict = v;
  }
}

// The engine's sender memory, saved after every change (a message checked, a block, an unblock).
function saveMemory() {
  if (state.loading) return;
  try {
    localStorage.setItem(KEYS.memory, filter.exportState());
  } catch (e) {
    console.warn(`Veil demo: sender memory not saved (${e && e.message ? e.message : e}); it stays in this session.`);
  }
}

function saveMessages() {
  if (state.loading) return;
  const log = state.messages.map(({ id, from, conv, text, time, outgoing, read, mem }) => ({ id, from, conv, text, time, outgoing, read, ...(mem ? { mem } : {}) }));
  try {
    localStorage.setItem(KEYS.messages, JSON.stringify(log));
  } catch {
    // Storage full: the messages stay in memory for this session.
  }
}

function addMessage({ from, to, text, time, outgoing = false, remember = true, mem = null }) {
  const m = {
    id: `m${++state.seq}`,
    from: outgoing ? "me" : from,
    conv: outgoing ? to : from,
    text,
    time,
    outgoing,
    revealed: false,
    read: outgoing,
    mem: validMem(mem),
  };
  const dt = classify(m, { remember });
  if (!outgoing) state.perf.times.push(dt);
  state.messages.push(m);
  saveMessages();
  if (!outgoing && remember) saveMemory();
  return m;
}

// A stored memory part, if it has the right shape.
function validMem(mem) {
  if (!mem || !Array.isArray(mem.categories) || !Array.isArray(mem.reasons)) return null;
  const categories = mem.categories.filter((h) => h && typeof h.category === "string" && Number.isInteger(h.severity));
  const reasons = mem.reasons.filter((r) => r && typeof r.en === "string" && typeof r.zh === "string");
  return categories.length || reasons.length ? { categories, reasons } : null;
}

// A message arriving from the marketplace.
function receive(from, text, { focus = false } = {}) {
  const m = addMessage({ from, text, time: Date.now() });
  timeInbox();
  const visible = state.folder === "inbox" && state.current === from;
  if (visible) m.read = true;
  if (focus) {
    state.folder = "inbox";
    state.current = from;
    m.read = true;
    renderMain();
  } else if (visible) {
    const list = document.querySelector("#main .messages");
    if (list) {
      list.append(renderMessage(m));
      scrollToEnd(list);
    }
  } else if (state.folder === "hidden" && m.verdict.action === "hide") {
    renderMain();
  }
  renderSidebar();
  renderPanel();
  return m;
}

// ---------------------------------------------------------------- PIN gate

let pinResolve = null;

function askPin(reasonKey) {
  if (!hasPin()) return Promise.resolve(true);
  if (state.unlocked) return Promise.resolve(true);
  const dlg = $("pin-dialog");
  if (pinResolve) pinResolve(false);
  $("pin-reason").textContent = t(reasonKey);
  $("pin-error").textContent = "";
  $("pin-input").value = "";
  dlg.showModal();
  $("pin-input").focus();
  return new Promise((resolve) => {
    pinResolve = resolve;
  });
}

function finishPin(ok) {
  const r = pinResolve;
  pinResolve = null;
  const dlg = $("pin-dialog");
  if (dlg.open) dlg.close();
  if (r) r(ok);
}

function setupPinDialog() {
  const dlg = $("pin-dialog");
  $("pin-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const wait = waitSeconds();
    if (wait > 0) {
      $("pin-error").textContent = t("pin.wait", { s: wait });
      return;
    }
    $("pin-ok").disabled = true;
    const ok = await verifyPin($("pin-input").value);
    $("pin-ok").disabled = false;
    if (ok) finishPin(true);
    else {
      const w = waitSeconds();
      $("pin-error").textContent = w > 0 ? t("pin.wait", { s: w }) : t("pin.wrong");
      $("pin-input").select();
    }
  });
  $("pin-cancel").addEventListener("click", () => finishPin(false));
  dlg.addEventListener("close", () => {
    if (pinResolve) finishPin(false);
  });
}

// ---------------------------------------------------------------- rendering

const timeFmt = () => new Intl.DateTimeFormat(state.lang === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit" });
function when(ts) {
  const d = new Date(ts);
  const today = new Date();
  if (d.toDateString() === today.toDateString()) return timeFmt().format(d);
  return new Intl.DateTimeFormat(state.lang === "zh" ? "zh-CN" : "en-GB", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(d);
}
const dateTimeFmt = () => new Intl.DateTimeFormat(state.lang === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short" });

function avatar(id, size = "") {
  const b = buyer(id);
  const name = buyerName(id);
  const a = el("span", { class: `avatar ${size}`, "aria-hidden": "true", text: [...name][0].toUpperCase() });
  a.style.setProperty("--hue", String(b ? b.hue : 220));
  return a;
}

function scrollToEnd(list) {
  const scroller = list.closest(".thread") || list;
  scroller.scrollTop = scroller.scrollHeight;
}

function categoryLabel(v) {
  if (v.blockedSender) return t("cat.blocked");
  const cats = v.categories || [];
  // "Looks like a sender you blocked" says more than the content category next to it.
  const c = cats.find((h) => h.category === "ban_evasion") || cats[0];
  return c ? t(`cat.${c.category}`) : "";
}

function renderMessage(m, { showSender = false } = {}) {
  const v = m.verdict;
  const body = el("div", { class: "msg-body", text: m.text });
  const bubble = el("div", { class: "bubble" }, body);
  const meta = el("div", { class: "msg-meta" });
  if (showSender) meta.append(el("span", { class: "msg-sender", text: buyerName(m.from) }), " · ");
  meta.append(el("time", { datetime: new Date(m.time).toISOString(), text: when(m.time) }));
  if (!m.outgoing && v.action !== "show") {
    meta.append(el("span", { class: `tag ${v.action}`, text: `${t(`action.${v.action}`)} · ${categoryLabel(v)}` }));
    if (!isBlocked(m.from)) {
      meta.append(el("button", {
        type: "button",
        class: "link",
        "data-testid": "message-block",
        text: t("conv.block"),
        onclick: () => blockSender(m.from),
      }));
    }
  }
  const li = el("li", {
    class: `msg ${m.outgoing ? "out" : "in"} ${v.action}`,
    "data-testid": "message",
    "data-action": v.action,
    "data-id": m.id,
    "data-sender": m.from,
  }, showSender ? avatar(m.from, "small") : null, el("div", { class: "msg-stack" }, bubble, meta));

  if (v.action !== "show") {
    const handle = protect(body, v, {
      lang: state.lang,
      labels: hasPin() ? { open: t("protect.openWithPin") } : undefined,
      canReveal: () => askPin("pin.reason.open"),
      onReveal: () => {
        m.revealed = true;
        li.dataset.revealed = "true";
      },
    });
    body.addEventListener("veil:conceal", () => {
      m.revealed = false;
      delete li.dataset.revealed;
    });
    if (m.revealed) {
      handle.reveal({ force: true });
    }
  }
  return li;
}

function renderConversation() {
  const main = $("main");
  const id = state.current;
  const b = buyer(id);
  if (!b) {
    main.replaceChildren(el("div", { class: "empty", text: t("conv.empty") }));
    return;
  }
  const listing = LISTINGS[b.listing];
  const blocked = isBlocked(id);
  const head = el("header", { class: "conv-head" },
    avatar(id, "large"),
    el("div", { class: "conv-title" },
      el("h1", { text: buyerName(id) }),
      el("p", { class: "muted small" }, `${t("conv.about")}: `, el("span", { text: listing[state.lang] }))),
    blocked
      ? el("button", { type: "button", class: "btn", "data-testid": "unblock-sender", text: t("conv.unblock"), onclick: () => unblockSender(id) })
      : el("button", { type: "button", class: "btn danger-outline", "data-testid": "block-sender", text: t("conv.block"), onclick: () => blockSender(id) }));
  const listingCard = el("div", { class: "listing" },
    el("img", { src: listing.img, alt: "", width: 56, height: 56 }),
    el("div", {},
      el("p", { class: "listing-title", text: listing[state.lang] }),
      el("p", { class: "listing-price", text: t("listing.price", { p: listing.price }) })));
  const list = el("ol", { class: "messages", "data-testid": "thread", "aria-live": "polite", "aria-relevant": "additions" });
  for (const m of state.messages) {
    if (m.conv === id) {
      m.read = true;
      list.append(renderMessage(m));
    }
  }
  saveMessages();
  const thread = el("div", { class: "thread" }, listingCard, blocked ? el("p", { class: "blocked-note", text: t("conv.blockedNote") }) : null, list);
  const input = el("input", { type: "text", class: "composer-input", placeholder: t("conv.replyPlaceholder", { name: buyerName(id) }), "aria-label": t("conv.replyPlaceholder", { name: buyerName(id) }) });
  const composer = el("form", {
    class: "composer",
    onsubmit: (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      const m = addMessage({ to: id, text, time: Date.now(), outgoing: true });
      list.append(renderMessage(m));
      scrollToEnd(list);
      input.value = "";
      renderSidebar();
    },
  }, input, el("button", { type: "submit", class: "btn primary", text: t("conv.send") }));
  main.replaceChildren(el("section", { class: "conversation", "aria-label": buyerName(id) }, head, thread, composer));
  scrollToEnd(list);
}

function renderHidden() {
  const main = $("main");
  const hidden = state.messages.filter((m) => !m.outgoing && m.verdict.action === "hide").reverse();
  const list = el("ol", { class: "messages folder-list", "data-testid": "hidden-list" });
  for (const m of hidden) list.append(renderMessage(m, { showSender: true }));
  main.replaceChildren(el("section", { class: "folder-view" },
    el("header", { class: "folder-head" }, el("h1", { text: t("hidden.title") }), el("p", { class: "muted", text: t("hidden.intro") })),
    hidden.length ? el("div", { class: "thread" }, list) : el("p", { class: "empty", text: t("hidden.empty") })));
}

function renderBlocked() {
  const main = $("main");
  const list = el("ul", { class: "blocked-list", "data-testid": "blocked-list" });
  const ids = blockedSenders();
  for (const id of ids) {
    const n = state.messages.filter((m) => m.from === id).length;
    const at = state.blockedAt[id];
    const details = [at ? t("blocked.since", { time: dateTimeFmt().format(at) }) : null, t("blocked.kept", { n })].filter(Boolean).join(" · ");
    list.append(el("li", { class: "blocked-item", "data-testid": "blocked-item", "data-sender": id },
      avatar(id),
      el("div", { class: "grow" },
        el("p", { class: "strong", text: buyerName(id) }),
        el("p", { class: "muted small", text: details })),
      el("button", { type: "button", class: "btn", text: t("conv.unblock"), onclick: () => unblockSender(id) })));
  }
  main.replaceChildren(el("section", { class: "folder-view" },
    el("header", { class: "folder-head" }, el("h1", { text: t("blocked.title") }), el("p", { class: "muted", text: t("blocked.intro") }), el("p", { class: "muted small", text: t("blocked.memory") })),
    ids.length ? list : el("p", { class: "empty", text: t("blocked.empty") })));
}

function renderMain() {
  if (state.folder === "hidden") renderHidden();
  else if (state.folder === "blocked") renderBlocked();
  else renderConversation();
  for (const f of document.querySelectorAll(".folder")) {
    f.classList.toggle("active", f.dataset.folder === state.folder);
    if (f.dataset.folder === state.folder) f.setAttribute("aria-current", "page");
    else f.removeAttribute("aria-current");
  }
}

function renderSidebar() {
  const ul = $("conversations");
  const last = new Map();
  for (const m of state.messages) last.set(m.conv, m);
  const order = BUYERS.filter((b) => last.has(b.id)).sort((a, b) => last.get(b.id).time - last.get(a.id).time);
  ul.replaceChildren(...order.map((b) => {
    const m = last.get(b.id);
    const unread = state.messages.filter((x) => x.conv === b.id && !x.read).length;
    let preview;
    if (m.verdict.action === "show") preview = el("span", { class: "preview", text: (m.outgoing ? `${t("conv.you")}: ` : "") + m.text });
    else preview = el("span", { class: `preview flagged ${m.verdict.action}`, text: t(`conv.preview.${m.verdict.action}`) });
    const active = state.folder === "inbox" && state.current === b.id;
    return el("li", {},
      el("button", {
        type: "button",
        class: `conv-item${active ? " active" : ""}${isBlocked(b.id) ? " is-blocked" : ""}`,
        "data-testid": "conversation",
        "data-sender": b.id,
        "aria-current": active ? "true" : null,
        onclick: () => {
          state.folder = "inbox";
          state.current = b.id;
          renderMain();
          renderSidebar();
        },
      },
      avatar(b.id),
      el("span", { class: "conv-text" },
        el("span", { class: "conv-top" },
          el("span", { class: "conv-name", text: buyerName(b.id) }),
          isBlocked(b.id) ? el("span", { class: "pill", text: t("conv.blocked") }) : null,
          el("time", { class: "conv-time", text: when(m.time) })),
        el("span", { class: "conv-bottom" }, preview, unread ? el("span", { class: "badge", text: String(unread) }) : null))));
  }));
  const hiddenN = state.messages.filter((m) => !m.outgoing && m.verdict.action === "hide").length;
  const unreadAll = state.messages.filter((m) => !m.read).length;
  $("count-inbox").textContent = unreadAll ? String(unreadAll) : "";
  $("count-hidden").textContent = hiddenN ? String(hiddenN) : "";
  const blockedN = blockedSenders().length;
  $("count-blocked").textContent = blockedN ? String(blockedN) : "";
}

// Browsers round performance.now() (to 0.1 ms here), so single timings are shown to that precision.
function ms(x, digits = 1) {
  if (x === null || x === undefined) return "–";
  if (x < 0.1) return "< 0.1 ms";
  return x < 100 ? `${x.toFixed(digits)} ms` : `${Math.round(x)} ms`;
}

function renderPanel() {
  const incoming = state.messages.filter((m) => !m.outgoing);
  $("stat-level").textContent = t(`level.${state.settings.level}`);
  $("chip-level").textContent = t(`level.${state.settings.level}`);
  $("veil-chip").setAttribute("aria-label", `${t("veil.badge")}: ${t(`level.${state.settings.level}`)}. ${t("nav.settings")}`);
  $("stat-blurred").textContent = String(incoming.filter((m) => m.verdict.action === "blur").length);
  $("stat-hidden").textContent = String(incoming.filter((m) => m.verdict.action === "hide").length);
  $("stat-lock").textContent = hasPin() ? t("protect.locked") : t("protect.unlockedNoPin");
  $("chip-lock").hidden = !hasPin();
  $("evidence-count").textContent = t("evidence.count", { n: flagged().length });
  const times = state.perf.times;
  $("perf-last").textContent = times.length ? ms(times[times.length - 1]) : "–";
  $("perf-avg").textContent = times.length ? ms(times.reduce((a, b) => a + b, 0) / times.length, 2) : "–";
  $("perf-inbox").textContent = ms(state.perf.inbox);
  $("perf-startup").textContent = ms(state.perf.startup);
  $("perf-inbox-n").textContent = state.perf.inboxN ? `(${t("perf.inboxDetail", { n: state.perf.inboxN })})` : "";
}

function renderStatic() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = `${t("app.name")} · ${t("nav.inbox")}`;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll("[data-i18n-aria]")) e.setAttribute("aria-label", t(e.dataset.i18nAria));
  $("lang-toggle").textContent = t("nav.lang");
  $("lang-toggle").setAttribute("aria-label", t("nav.langLabel"));
  $("open-settings").setAttribute("aria-label", t("nav.settings"));
  $("incoming-text").placeholder = t("demo.placeholder");
  const sel = $("incoming-sender");
  const cur = sel.value || "u_dd";
  sel.replaceChildren(...BUYERS.map((b) => el("option", { value: b.id, text: b[state.lang] })));
  sel.value = cur;
  renderScriptButton();
}

function renderAll() {
  renderStatic();
  renderSidebar();
  renderMain();
  renderPanel();
  if ($("settings").open) renderSettings();
}

function toast(text) {
  const tEl = $("toast");
  tEl.textContent = text;
  tEl.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => tEl.classList.remove("show"), 3500);
}

// ---------------------------------------------------------------- block list

function saveBlockedAt() {
  // Only the blocks the engine has; the list itself is filter.blockedSenders().
  const ids = blockedSenders();
  state.blockedAt = Object.fromEntries(Object.entries(state.blockedAt).filter(([id]) => ids.includes(id)));
  try {
    localStorage.setItem(KEYS.blockedAt, JSON.stringify(state.blockedAt));
  } catch {
    // Storage full: the times are shown for this session only.
  }
}

// Blocking stores, in the engine, the profile of what this sender sent so far (contact details,
// name, way of writing): a message from another account that matches it is flagged ban_evasion.
function blockSender(id) {
  if (isBlocked(id)) return;
  filter.block(id);
  state.blockedAt[id] = Date.now();
  saveBlockedAt();
  saveMemory();
  applyBlocks();
  renderSidebar();
  renderMain();
  renderPanel();
  toast(t("toast.blocked", { name: buyerName(id) }));
}

async function unblockSender(id) {
  if (!(await askPin("pin.reason.unblock"))) return;
  filter.unblock(id);
  delete state.blockedAt[id];
  saveBlockedAt();
  saveMemory();
  applyBlocks();
  renderSidebar();
  renderMain();
  renderPanel();
  toast(t("toast.unblocked", { name: buyerName(id) }));
}

// ---------------------------------------------------------------- evidence

function flagged() {
  return state.messages.filter((m) => !m.outgoing && m.verdict.action !== "show");
}

// SHA-256 of the exported messages, so a printed report can be matched to its JSON file.
async function fingerprint(messages) {
  const bytes = new TextEncoder().encode(JSON.stringify(messages));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function evidence() {
  const ev = {
    format: "veil-evidence/1",
    generatedAt: new Date().toISOString(),
    notice: translate("en", "evidence.notice"),
    noticeZh: translate("zh", "evidence.notice"),
    settings: { level: state.settings.level, overrides: { ...state.settings.overrides } },
    count: flagged().length,
    messages: flagged().map((m) => ({
      id: m.id,
      sender: { id: m.from, name: buyer(m.from) ? buyer(m.from).en : m.from, blocked: isBlocked(m.from) },
      conversation: m.conv,
      listing: buyer(m.from) ? LISTINGS[buyer(m.from).listing].en : null,
      time: new Date(m.time).toISOString(),
      text: m.text,
      action: m.verdict.action,
      categories: m.raw.categories.map((c) => ({ category: c.category, severity: c.severity, score: c.score, action: c.action })),
      reasons: m.verdict.reasons.map((r) => ({ category: r.category, en: r.en, zh: r.zh })),
    })),
  };
  ev.messagesSha256 = await fingerprint(ev.messages);
  return ev;
}

async function exportJson() {
  if (!(await askPin("pin.reason.export"))) return;
  const data = JSON.stringify(await evidence(), null, 2);
  const blob = new Blob([data], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");
  const file = `veil-evidence-${stamp}.json`;
  const a = el("a", { href: url, download: file });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  toast(t("toast.exported", { file }));
}

async function showReport() {
  if (!(await askPin("pin.reason.export"))) return;
  const rep = $("report");
  const ev = await evidence();
  const rows = ev.messages.map((m) => el("tr", { "data-testid": "report-row" },
    el("td", { class: "nowrap", text: dateTimeFmt().format(new Date(m.time)) }),
    el("td", { text: buyerName(m.sender.id) + (m.sender.blocked ? ` (${t("conv.blocked")})` : "") }),
    el("td", { text: m.categories.map((c) => t(`cat.${c.category}`)).join(", ") || t("cat.blocked") }),
    el("td", { text: reasonText({ reasons: m.reasons }, state.lang) }),
    el("td", { text: t(`action.${m.action}`) }),
    el("td", { class: "report-text", text: m.text })));
  rep.replaceChildren(
    el("div", { class: "report-bar no-print" },
      el("button", { type: "button", class: "btn", "data-testid": "report-back", text: t("evidence.back"), onclick: hideReport }),
      el("button", { type: "button", class: "btn primary", text: t("evidence.doPrint"), onclick: () => window.print() })),
    el("article", { class: "report-page" },
      el("header", { class: "report-head" },
        el("img", { src: "img/logo.svg", alt: "", width: 40, height: 40 }),
        el("div", {},
          el("h1", { text: t("evidence.reportTitle") }),
          el("p", { class: "muted", text: `${t("app.name")} · ${t("evidence.generated", { time: dateTimeFmt().format(new Date()) })}` }))),
      el("p", { class: "notice", "data-testid": "report-notice", text: t("evidence.notice") }),
      el("p", { class: "muted small", text: `${t("level.label")}: ${t(`level.${ev.settings.level}`)} · ${t("evidence.count", { n: ev.count })}` }),
      ev.count
        ? el("table", { class: "report-table" },
            el("thead", {}, el("tr", {}, ...["time", "sender", "category", "reason", "action", "text"].map((k) => el("th", { text: t(`evidence.col.${k}`) })))),
            el("tbody", {}, ...rows))
        : el("p", { text: t("evidence.none") }),
      el("p", { class: "muted small fingerprint", "data-testid": "report-fingerprint" }, `${t("evidence.fingerprint")} `, el("code", { text: ev.messagesSha256 }))));
  rep.hidden = false;
  $("app").classList.add("show-report");
  rep.querySelector("button").focus();
}

function hideReport() {
  $("report").hidden = true;
  $("app").classList.remove("show-report");
  $("export-print").focus();
}

// ---------------------------------------------------------------- settings

function saveSettings(next) {
  try {
    filter.setSettings(next);
  } catch (e) {
    $("pin-msg").textContent = String(e.message || e);
    return false;
  }
  const s = filter.settings();
  state.settings = { level: s.level, overrides: { ...(s.overrides || {}) } };
  localStorage.setItem(KEYS.settings, JSON.stringify(state.settings));
  recheckInbox();
  renderSidebar();
  renderMain();
  renderPanel();
  return true;
}

function renderSettings() {
  const isLocked = locked();
  const pinSet = hasPin();
  $("settings-fields").disabled = isLocked;
  $("settings").classList.toggle("is-locked", isLocked);
  $("lock-banner").hidden = !pinSet;
  $("lock-banner").classList.toggle("unlocked", !isLocked);
  $("lock-text").textContent = isLocked ? t("settings.lockedBanner") : t("settings.unlockedBanner");
  $("unlock-row").hidden = !isLocked;
  $("pin-new").hidden = pinSet;
  $("pin-manage").hidden = !pinSet || isLocked;

  const levels = $("levels");
  levels.replaceChildren(...LEVELS.map((lv) => el("label", { class: `level-opt${state.settings.level === lv ? " checked" : ""}` },
    el("input", {
      type: "radio",
      name: "level",
      value: lv,
      "data-testid": `level-${lv}`,
      checked: state.settings.level === lv,
      onchange: () => {
        if (locked()) return renderSettings();
        saveSettings({ level: lv, overrides: state.settings.overrides });
        renderSettings();
        $("pin-msg").textContent = t("settings.saved");
      },
    }),
    el("span", { class: "level-name", text: t(`level.${lv}`) }),
    el("span", { class: "level-desc", text: t(`level.${lv}.desc`) }))));

  const ovr = $("overrides");
  ovr.replaceChildren(...CATEGORIES.map((c) => {
    const sel = el("select", {
      id: `ovr-${c}`,
      "data-testid": `override-${c}`,
      onchange: (e) => {
        if (locked()) return renderSettings();
        const overrides = { ...state.settings.overrides };
        if (e.target.value) overrides[c] = e.target.value;
        else delete overrides[c];
        saveSettings({ level: state.settings.level, overrides });
        $("pin-msg").textContent = t("settings.saved");
      },
    }, el("option", { value: "", text: t("action.default") }), ...ACTIONS.map((a) => el("option", { value: a, text: t(`action.${a}`) })));
    sel.value = state.settings.overrides[c] || "";
    return el("div", { class: "ovr-row" }, el("label", { for: `ovr-${c}`, text: t(`cat.${c}`) }), sel);
  }));
}

function setupSettings() {
  const dlg = $("settings");
  const open = () => {
    state.unlocked = false;
    $("unlock-pin").value = "";
    $("unlock-error").textContent = "";
    $("pin-msg").textContent = "";
    renderSettings();
    dlg.showModal();
    if (locked()) $("unlock-pin").focus();
  };
  $("open-settings").addEventListener("click", open);
  $("veil-chip").addEventListener("click", open);
  dlg.addEventListener("close", () => {
    state.unlocked = false;
    renderMain();
    renderPanel();
  });
  const unlock = async () => {
    const wait = waitSeconds();
    if (wait > 0) {
      $("unlock-error").textContent = t("pin.wait", { s: wait });
      return;
    }
    $("unlock-btn").disabled = true;
    const ok = await verifyPin($("unlock-pin").value);
    $("unlock-btn").disabled = false;
    $("unlock-pin").value = "";
    if (ok) {
      state.unlocked = true;
      $("unlock-error").textContent = "";
      renderSettings();
    } else {
      const w = waitSeconds();
      $("unlock-error").textContent = w > 0 ? t("pin.wait", { s: w }) : t("pin.wrong");
      $("unlock-pin").focus();
    }
  };
  $("unlock-btn").addEventListener("click", unlock);
  $("unlock-pin").addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      unlock();
    }
  });
  $("set-pin").addEventListener("click", async () => {
    const a = $("new-pin").value;
    const b = $("confirm-pin").value;
    if (!validPin(a)) return void ($("pin-msg").textContent = t("settings.pinInvalid"));
    if (a !== b) return void ($("pin-msg").textContent = t("settings.pinMismatch"));
    $("set-pin").disabled = true;
    await setPin(a);
    $("set-pin").disabled = false;
    $("new-pin").value = "";
    $("confirm-pin").value = "";
    state.unlocked = true;
    renderSettings();
    renderPanel();
    $("pin-msg").textContent = t("settings.pinSet");
  });
  $("lock-now").addEventListener("click", () => {
    state.unlocked = false;
    renderSettings();
    $("unlock-pin").focus();
  });
  $("remove-pin").addEventListener("click", () => {
    if (locked()) return;
    clearPin();
    renderSettings();
    renderPanel();
  });
  // Enter in the PIN fields must not submit (and close) the settings dialog.
  $("settings-form").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.tagName === "INPUT") e.preventDefault();
  });
}

// ---------------------------------------------------------------- scripted stream

function renderScriptButton() {
  const b = $("script-toggle");
  if (state.script.i >= SCRIPT.length && !state.script.playing) {
    b.textContent = t("demo.again");
    b.disabled = false;
  } else {
    b.textContent = state.script.playing ? t("demo.pause") : t("demo.play");
    b.disabled = false;
  }
  b.setAttribute("aria-pressed", String(state.script.playing));
}

function playScript(interval) {
  if (state.script.i >= SCRIPT.length) state.script.i = 0;
  state.script.playing = true;
  renderScriptButton();
  const step = () => {
    if (!state.script.playing) return;
    const item = SCRIPT[state.script.i++];
    localStorage.setItem(KEYS.script, JSON.stringify(state.script.i));
    if (item) receive(item.from, item.text);
    if (state.script.i >= SCRIPT.length) {
      state.script.playing = false;
      renderScriptButton();
      $("app").dataset.script = "done";
      return;
    }
    state.script.timer = setTimeout(step, interval);
  };
  state.script.timer = setTimeout(step, interval);
}

// "Simulate: a new buyer writes": a new account sends the blocked harasser's WeChat id, disguised.
function simulateEvasion() {
  const sent = state.messages.filter((m) => m.from === EVASION[0].from).length;
  const item = EVASION[sent % EVASION.length];
  receive(item.from, item.text, { focus: true });
}

function pauseScript() {
  state.script.playing = false;
  clearTimeout(state.script.timer);
  renderScriptButton();
}

// ---------------------------------------------------------------- start

async function start() {
  const tInit = performance.now();
  await init();
  CATEGORIES = veilCategories();
  LEVELS = veilLevels();
  const saved = readJSON(KEYS.settings, null);
  try {
    filter = new MessageFilter(saved || { level: "medium" });
  } catch {
    filter = new MessageFilter({ level: "medium" });
  }
  const s = filter.settings();
  state.settings = { level: s.level, overrides: { ...(s.overrides || {}) } };
  state.perf.startup = performance.now() - tInit;

  // Warm up once so the per-message timings show steady-state cost, not first-call setup; the
  // warm-up sender is then dropped from memory again.
  const blank = filter.exportState();
  filter.check("warm-up", { sender: "warm-up", name: "warm-up", conversation: "warm-up", time: 0 });
  filter.importState(blank);

  // Sender memory from the last visit. A bad snapshot leaves the memory empty (and is replaced).
  let snapshot = null;
  try {
    snapshot = localStorage.getItem(KEYS.memory);
  } catch {
    snapshot = null;
  }
  let restored = false;
  if (snapshot !== null) {
    try {
      filter.importState(snapshot);
      restored = true;
    } catch (e) {
      console.warn(`Veil demo: the saved sender memory could not be restored, starting with empty memory (${e && e.message ? e.message : e})`);
    }
  }

  state.loading = true;
  const stored = readJSON(KEYS.messages, null);
  if (Array.isArray(stored) && stored.length) {
    // Stored messages were checked with their sender when they arrived; only with no snapshot at
    // all (saved before the engine kept memory) do they go through memory now, once, in order.
    const replay = snapshot === null;
    for (const r of stored) {
      if (!r || typeof r.text !== "string") continue;
      const m = addMessage({ from: r.from, to: r.conv, text: r.text, time: r.time, outgoing: Boolean(r.outgoing), remember: replay, mem: r.mem });
      m.read = Boolean(r.read);
    }
  } else {
    const now = Date.now();
    for (const h of HISTORY) {
      const m = addMessage({ from: h.from, to: h.to, text: h.text, time: now - h.ago * 60000, outgoing: h.from === "me", remember: !restored });
      m.read = true;
    }
  }
  // The page's old block list: handed to the engine once, then dropped.
  const legacy = readJSON(KEYS.legacyBlocked, null);
  if (Array.isArray(legacy) && snapshot === null) {
    for (const b of legacy) {
      if (!b || typeof b.id !== "string") continue;
      filter.block(b.id);
      if (Number.isFinite(b.at)) state.blockedAt[b.id] = b.at;
    }
  }
  if (legacy !== null) localStorage.removeItem(KEYS.legacyBlocked);
  state.loading = false;
  saveMessages();
  saveMemory();
  saveBlockedAt();
  recheckInbox();

  for (const f of document.querySelectorAll(".folder")) {
    f.addEventListener("click", () => {
      state.folder = f.dataset.folder;
      renderMain();
      renderSidebar();
    });
  }
  $("lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem(KEYS.lang, JSON.stringify(state.lang));
    renderAll();
  });
  $("incoming-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("incoming-text").value;
    if (!text.trim()) return;
    receive($("incoming-sender").value, text, { focus: true });
    $("incoming-text").value = "";
  });
  $("incoming-text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      $("incoming-form").requestSubmit();
    }
  });
  $("script-toggle").addEventListener("click", () => (state.script.playing ? pauseScript() : playScript(2600)));
  $("simulate-evasion").addEventListener("click", simulateEvasion);
  $("export-json").addEventListener("click", exportJson);
  $("export-print").addEventListener("click", showReport);
  $("perf-recheck").addEventListener("click", () => {
    timeInbox();
    renderPanel();
  });
  setupSettings();
  setupPinDialog();
  renderAll();
  $("app").dataset.ready = "true";

  const stream = params.get("stream");
  if (stream === "fast") playScript(60);
  else if (params.get("autoplay") !== "0") playScript(2600);
}

start().catch((e) => {
  console.error(e);
  const main = $("main");
  main.replaceChildren(el("div", { class: "empty error", text: `Veil could not start: ${e && e.message ? e.message : e}` }));
  $("app").dataset.ready = "error";
});
