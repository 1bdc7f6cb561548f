const { test, expect } = require("./fixtures");

// veil-filter/dom.js on its own, with hand-made verdicts (no engine involved).
test("dom.js API: show is a no-op, unprotect restores, gateBlur, labels, events", async ({ page }) => {
  await page.goto("/minimal.html");
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  const r = await page.evaluate(async () => {
    const { protect, unprotect, reasonText } = await import("/pkg/dom.js");
    const out = {};
    const verdict = (action) => ({
      action,
      categories: [{ category: "threat", severity: 3, score: 0.9, action, spans: [{ start: 2, end: 6 }] }],
      reasons: [
        { category: "threat", en: "Threat of violence or harm", zh: "暴力或伤害威胁" },
        { category: "threat", en: "Threat of violence or harm", zh: "暴力或伤害威胁" },
        { category: "harassment", en: "Insult aimed at you", zh: "针对你的侮辱" },
      ],
    });
    const make = (html) => {
      const d = document.createElement("div");
      d.innerHTML = html;
      document.body.append(d);
      return d;
    };

    out.reasonEn = reasonText(verdict("hide"), "en");
    out.reasonZh = reasonText(verdict("hide"), "zh");

    const a = make('<b class="x">hi</b> there');
    const before = a.outerHTML;
    const h0 = protect(a, { action: "show", categories: [], reasons: [] });
    out.showNoop = a.outerHTML === before && h0.revealed === true;

    const h1 = protect(a, verdict("blur"), { lang: "zh" });
    out.blurLabel = a.getAttribute("aria-label");
    out.blurContentHidden = a.querySelector(".veil-content").getAttribute("aria-hidden");
    out.blurInert = a.querySelector(".veil-content").inert;
    let events = 0;
    a.addEventListener("veil:reveal", () => events++);
    await h1.reveal();
    out.revealedAfter = h1.revealed && events === 1;
    unprotect(a);
    out.restored = a.outerHTML === before;

    // gateBlur: canReveal is asked for blurred messages too; a false answer keeps it blurred.
    const b = make("plain text");
    let asked = 0;
    const h2 = protect(b, verdict("blur"), { gateBlur: true, canReveal: () => { asked++; return false; } });
    out.gatedResult = await h2.reveal();
    out.gatedAsked = asked;
    out.gatedStill = b.classList.contains("veil-revealed") === false;
    out.forced = await h2.reveal({ force: true });

    // A throwing gate counts as "no".
    const c = make("kept");
    const h3 = protect(c, verdict("hide"), { canReveal: () => { throw new Error("x"); } });
    out.throwing = await h3.reveal();
    out.hiddenNotInDom = c.querySelector(".veil-content") === null && !c.textContent.includes("kept");

    // Custom labels and no "hide again".
    const d = make("x");
    protect(d, verdict("hide"), { labels: { open: "Ask a parent" }, allowHideAgain: false });
    out.customLabel = d.querySelector(".veil-reveal").textContent;
    await d.querySelector(".veil-reveal").click();
    await new Promise((res) => setTimeout(res, 0));
    out.noHideAgain = d.querySelector(".veil-conceal") === null && d.textContent.includes("x");

    // Protecting twice does not nest.
    const e = make("twice");
    protect(e, verdict("blur"));
    protect(e, verdict("hide"));
    out.noNesting = e.querySelectorAll(".veil-content").length <= 1 && e.querySelectorAll(".veil-cover").length === 1 && e.dataset.veil === "hide";
    unprotect(e);
    out.twiceRestored = e.innerHTML === "twice";
    return out;
  });
  expect(r).toEqual({
    reasonEn: "Threat of violence or harm; Insult aimed at you",
    reasonZh: "暴力或伤害威胁；针对你的侮辱",
    showNoop: true,
    blurLabel: "已模糊的消息。原因：暴力或伤害威胁；针对你的侮辱",
    blurContentHidden: "true",
    blurInert: true,
    revealedAfter: true,
    restored: true,
    gatedResult: false,
    gatedAsked: 1,
    gatedStill: true,
    forced: true,
    throwing: false,
    hiddenNotInDom: true,
    customLabel: "Ask a parent",
    noHideAgain: true,
    noNesting: true,
    twiceRestored: true,
  });
});
