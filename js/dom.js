// veil-filter/dom.js — show a Veil verdict on a DOM element.
//
//   import { protect } from "veil-filter/dom.js";
//   protect(bubble, filter.check(text), { lang: "zh", canReveal: askParentPin });
//
// Blurred messages get a CSS blur and a "Show anyway" button; hidden messages are replaced by a
// placeholder with a deliberate "Open" control that the app can gate (for example behind a parent
// PIN) with `canReveal`. While a message is blurred or hidden its text is aria-hidden and inert,
// so screen readers announce only the reason, never the message. Styles: veil-filter/veil.css.
// No inline styles are set, so the helper works under a strict Content-Security-Policy.

const STRINGS = {
  en: {
    blurred: "Blurred",
    hidden: "Hidden message",
    shown: "Shown anyway",
    showAnyway: "Show anyway",
    open: "Open",
    hideAgain: "Hide again",
    blurredLabel: "Blurred message. Reason: {reason}",
    hiddenLabel: "Hidden message. Reason: {reason}",
    shownLabel: "Message shown anyway. Reason it was flagged: {reason}",
    showAnywayLabel: "Show this message anyway. Reason it was blurred: {reason}",
    openLabel: "Open this hidden message. Reason it was hidden: {reason}",
    hideAgainLabel: "Hide this message again",
    denied: "Not opened",
    sep: "; ",
    unknown: "Flagged by the filter",
  },
  zh: {
    blurred: "已模糊",
    hidden: "已隐藏的消息",
    shown: "已显示",
    showAnyway: "仍然显示",
    open: "打开",
    hideAgain: "重新隐藏",
    blurredLabel: "已模糊的消息。原因：{reason}",
    hiddenLabel: "已隐藏的消息。原因：{reason}",
    shownLabel: "已显示的消息。被标记的原因：{reason}",
    showAnywayLabel: "仍然显示这条消息。模糊原因：{reason}",
    openLabel: "打开这条隐藏的消息。隐藏原因：{reason}",
    hideAgainLabel: "重新隐藏这条消息",
    denied: "未打开",
    sep: "；",
    unknown: "被过滤器标记",
  },
};

const STATE = new WeakMap();

function fill(template, reason) {
  return template.replace("{reason}", reason);
}

/** The verdict's reasons in one language, joined: "Asks for photos or videos of a child; …". */
export function reasonText(verdict, lang = "en") {
  const L = STRINGS[lang === "zh" ? "zh" : "en"];
  const seen = new Set();
  const parts = [];
  for (const r of (verdict && verdict.reasons) || []) {
    const t = (lang === "zh" ? r.zh : r.en) || r.en || r.zh;
    if (t && !seen.has(t)) {
      seen.add(t);
      parts.push(t);
    }
  }
  return parts.length ? parts.join(L.sep) : L.unknown;
}

function button(doc, cls, text, label) {
  const b = doc.createElement("button");
  b.type = "button";
  b.className = `veil-btn ${cls}`;
  b.textContent = text;
  if (label) b.setAttribute("aria-label", label);
  return b;
}

function saveAttr(el, name) {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

function restoreAttr(el, name, value) {
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

// Wrap the flagged spans (UTF-16 offsets) in <mark> when the content is one plain text node.
function highlight(content, verdict) {
  if (content.childNodes.length !== 1 || content.firstChild.nodeType !== 3) return null;
  const node = content.firstChild;
  const text = node.data;
  const spans = [];
  for (const c of (verdict && verdict.categories) || []) {
    for (const s of c.spans || []) {
      if (Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= text.length) {
        spans.push([s.start, s.end]);
      }
    }
  }
  if (!spans.length) return null;
  spans.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const doc = content.ownerDocument;
  const frag = doc.createDocumentFragment();
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) frag.appendChild(doc.createTextNode(text.slice(at, a)));
    const m = doc.createElement("mark");
    m.className = "veil-mark";
    m.textContent = text.slice(a, b);
    frag.appendChild(m);
    at = b;
  }
  if (at < text.length) frag.appendChild(doc.createTextNode(text.slice(at)));
  content.replaceChildren(frag);
  return node;
}

/** Undo protect(): put the element back exactly as it was. */
export function unprotect(element) {
  const st = STATE.get(element);
  if (!st) return;
  STATE.delete(element);
  st.cover.remove();
  if (!st.content.parentNode) element.appendChild(st.content);
  if (st.originalText) st.content.replaceChildren(st.originalText);
  while (st.content.firstChild) element.insertBefore(st.content.firstChild, st.content);
  st.content.remove();
  element.classList.remove("veil-protected", "veil-blur", "veil-hide", "veil-revealed");
  if (st.attrs.cls === null && element.classList.length === 0) element.removeAttribute("class");
  element.removeAttribute("aria-busy");
  restoreAttr(element, "role", st.attrs.role);
  restoreAttr(element, "aria-label", st.attrs.ariaLabel);
  element.removeAttribute("data-veil");
  element.removeAttribute("data-veil-revealed");
}

/**
 * Blur or hide `element` according to `verdict` (from MessageFilter.check).
 * Returns a handle: { action, revealed, reveal(opts), conceal(), destroy() }.
 */
export function protect(element, verdict, options = {}) {
  if (!element || !element.ownerDocument) throw new TypeError("protect: element must be a DOM element");
  unprotect(element);
  const action = verdict && (verdict.action === "blur" || verdict.action === "hide") ? verdict.action : "show";
  if (action === "show") {
    return {
      action,
      get revealed() { return true; },
      reveal: async () => true,
      conceal() {},
      destroy() {},
    };
  }

  const lang = options.lang === "zh" ? "zh" : "en";
  const L = { ...STRINGS[lang], ...(options.labels || {}) };
  const reason = reasonText(verdict, lang);
  const doc = element.ownerDocument;
  const gated = typeof options.canReveal === "function" && (action === "hide" || options.gateBlur === true);
  const allowHideAgain = options.allowHideAgain !== false;

  const st = {
    attrs: { role: saveAttr(element, "role"), ariaLabel: saveAttr(element, "aria-label"), cls: saveAttr(element, "class") },
    content: doc.createElement("span"),
    cover: doc.createElement("span"),
    originalText: null,
    revealed: false,
    busy: false,
  };
  STATE.set(element, st);

  st.content.className = "veil-content";
  while (element.firstChild) st.content.appendChild(element.firstChild);
  element.appendChild(st.content);
  st.cover.className = "veil-cover";
  element.appendChild(st.cover);
  element.classList.add("veil-protected", action === "blur" ? "veil-blur" : "veil-hide");
  element.setAttribute("data-veil", action);
  if (!st.attrs.role) element.setAttribute("role", "group");

  const handle = {
    action,
    get revealed() { return st.revealed; },
    reveal,
    conceal,
    destroy: () => unprotect(element),
  };

  function renderConcealed(focusButton) {
    st.revealed = false;
    element.classList.remove("veil-revealed");
    element.removeAttribute("data-veil-revealed");
    element.setAttribute("aria-label", fill(action === "blur" ? L.blurredLabel : L.hiddenLabel, reason));
    if (st.originalText) {
      st.content.replaceChildren(st.originalText);
      st.originalText = null;
    }
    st.content.setAttribute("aria-hidden", "true");
    st.content.inert = true;
    st.content.removeAttribute("tabindex");
    // A hidden message is taken out of the document (kept only in memory) until it is opened,
    // so find-in-page, copy and assistive technology cannot reach it.
    if (action === "hide") st.content.remove();

    const icon = doc.createElement("span");
    icon.className = "veil-icon";
    icon.setAttribute("aria-hidden", "true");
    const text = doc.createElement("span");
    text.className = "veil-reason";
    const title = doc.createElement("strong");
    title.className = "veil-title";
    title.textContent = action === "blur" ? L.blurred : L.hidden;
    const why = doc.createElement("span");
    why.className = "veil-why";
    why.textContent = reason;
    text.append(title, " ", why);
    const btn = action === "blur"
      ? button(doc, "veil-reveal", L.showAnyway, fill(L.showAnywayLabel, reason))
      : button(doc, "veil-reveal veil-open", L.open, fill(L.openLabel, reason));
    btn.addEventListener("click", () => { reveal(); });
    const status = doc.createElement("span");
    status.className = "veil-status";
    status.setAttribute("role", "status");
    st.cover.replaceChildren(icon, text, btn, status);
    if (focusButton) btn.focus();
  }

  function renderRevealed(moveFocus) {
    st.revealed = true;
    element.classList.add("veil-revealed");
    element.setAttribute("data-veil-revealed", "true");
    element.setAttribute("aria-label", fill(L.shownLabel, reason));
    st.content.removeAttribute("aria-hidden");
    st.content.inert = false;
    if (!st.content.parentNode) element.insertBefore(st.content, st.cover);
    if (options.highlight !== false) st.originalText = highlight(st.content, verdict);
    const text = doc.createElement("span");
    text.className = "veil-reason";
    const title = doc.createElement("strong");
    title.className = "veil-title";
    title.textContent = L.shown;
    const why = doc.createElement("span");
    why.className = "veil-why";
    why.textContent = reason;
    text.append(title, " ", why);
    const parts = [text];
    if (allowHideAgain) {
      const again = button(doc, "veil-conceal", L.hideAgain, L.hideAgainLabel);
      again.addEventListener("click", () => conceal(true));
      parts.push(again);
    }
    st.cover.replaceChildren(...parts);
    if (moveFocus) {
      st.content.tabIndex = -1;
      st.content.focus();
    }
  }

  async function reveal(opts = {}) {
    if (STATE.get(element) !== st) return false;
    if (st.revealed) return true;
    if (st.busy) return false;
    const fromUser = st.cover.contains(doc.activeElement);
    if (gated && !opts.force) {
      st.busy = true;
      element.setAttribute("aria-busy", "true");
      let ok = false;
      try {
        ok = Boolean(await options.canReveal({ element, verdict, action }));
      } catch {
        ok = false;
      } finally {
        st.busy = false;
        element.removeAttribute("aria-busy");
      }
      if (STATE.get(element) !== st) return false;
      if (!ok) {
        const status = st.cover.querySelector(".veil-status");
        if (status) status.textContent = L.denied;
        return false;
      }
    }
    renderRevealed(fromUser);
    if (typeof options.onReveal === "function") {
      try { options.onReveal({ element, verdict, action }); } catch (e) { setTimeout(() => { throw e; }); }
    }
    element.dispatchEvent(new CustomEvent("veil:reveal", { bubbles: true, detail: { verdict, action } }));
    return true;
  }

  function conceal(focusButton = false) {
    if (STATE.get(element) !== st) return;
    renderConcealed(focusButton);
    element.dispatchEvent(new CustomEvent("veil:conceal", { bubbles: true, detail: { verdict, action } }));
  }

  renderConcealed(false);
  return handle;
}
