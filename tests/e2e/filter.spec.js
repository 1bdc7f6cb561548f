const { test, expect, openApp, inject, shot } = require("./fixtures");

const HARMFUL = "send me a video of your daughter's feet";
const BENIGN = "Does this fit a 7-year-old?";
const WECHAT = "加我微信 abc123 详聊，价格好说";

test("harmful message is hidden, ordinary buyer is shown", async ({ page }) => {
  await openApp(page);
  const bad = await inject(page, "u_dd", HARMFUL);
  await expect(bad).toHaveAttribute("data-action", "hide");
  const badBody = bad.locator(".msg-body");
  // (Sender memory may name "Sent several harmful messages" first: dd_collector is a repeat offender.)
  await expect(badBody).toHaveAttribute("aria-label", /^Hidden message\. Reason: (.+; )?Asks for photos or videos of a child/);
  // A hidden message's text is not in the document at all until it is opened.
  await expect(badBody.locator(".veil-content")).toHaveCount(0);
  await expect(bad).toContainText("Asks for photos or videos of a child");
  await expect(page.getByTestId("thread")).not.toContainText("daughter's feet");
  // Nothing leaks through the conversation list preview either.
  await expect(page.getByTestId("conversations")).not.toContainText("feet");
  await expect(page.getByTestId("conversations").locator('[data-sender="u_dd"]')).toContainText("Hidden message");

  const good = await inject(page, "u_lily", BENIGN);
  await expect(good).toHaveAttribute("data-action", "show");
  await expect(good).toHaveText(new RegExp(BENIGN.replace("?", "\\?")));
  await expect(good.locator(".veil-cover")).toHaveCount(0);

  const zh = await inject(page, "u_zhou", "宝宝脚长14cm能穿吗");
  await expect(zh).toHaveAttribute("data-action", "show");
  await shot(page, "02-benign-shown");
});

test("blurred message: reason, keyboard reveal, hide again", async ({ page }) => {
  await openApp(page);
  const msg = await inject(page, "u_dd", WECHAT);
  await expect(msg).toHaveAttribute("data-action", "blur");
  const body = msg.locator(".msg-body");
  const content = body.locator(".veil-content");
  await expect(content).toHaveAttribute("aria-hidden", "true");
  await expect(body).toHaveAttribute("aria-label", /^Blurred message\. Reason: /);
  await expect(body).toContainText("Blurred");
  // The blurred text is never exposed to assistive technology.
  const snapshot = await body.ariaSnapshot();
  expect(snapshot).not.toContain("abc123");
  await expect(content).toHaveCSS("filter", /blur/);
  await shot(page, "03-blurred");

  const showBtn = body.getByRole("button", { name: /Show this message anyway/ });
  await expect(showBtn).toHaveText("Show anyway");
  await showBtn.focus();
  await page.keyboard.press("Enter");
  await expect(msg).toHaveAttribute("data-revealed", "true");
  await expect(content).not.toHaveAttribute("aria-hidden", "true");
  await expect(content).toHaveCSS("filter", "none");
  await expect(content).toBeFocused();
  await expect(content).toContainText("abc123");
  await expect(content.locator("mark.veil-mark")).not.toHaveCount(0);
  await shot(page, "04-blur-revealed");

  await body.getByRole("button", { name: "Hide this message again" }).click();
  await expect(content).toHaveAttribute("aria-hidden", "true");
  await expect(body.getByRole("button", { name: /Show this message anyway/ })).toBeFocused();
});

test("hidden message goes to the Hidden folder and can be opened deliberately", async ({ page }) => {
  await openApp(page);
  const before = Number((await page.getByTestId("hidden-count").textContent()) || 0);
  const msg = await inject(page, "u_dd", HARMFUL);
  await expect(msg).toHaveAttribute("data-action", "hide");
  await expect(page.getByTestId("hidden-count")).toHaveText(String(before + 1));
  await shot(page, "05-hidden-inline");

  await page.getByTestId("folder-hidden").click();
  const list = page.getByTestId("hidden-list");
  await expect(list.getByTestId("message")).toHaveCount(before + 1);
  const first = list.getByTestId("message").first();
  await expect(first).toHaveAttribute("data-action", "hide");
  await expect(first).toContainText("dd_collector");
  await expect(first).not.toContainText("daughter's feet");
  await shot(page, "06-hidden-folder");

  await first.getByRole("button", { name: /Open this hidden message/ }).click();
  await expect(first.locator(".veil-content")).toBeVisible();
  await expect(first).toContainText(HARMFUL);
  await shot(page, "07-hidden-opened");

  // Nothing is deleted: after hiding again it is still in the folder and in the thread.
  await first.getByRole("button", { name: "Hide this message again" }).click();
  await expect(list.getByTestId("message")).toHaveCount(before + 1);
  await page.getByTestId("conversations").locator('[data-sender="u_dd"]').click();
  await expect(page.getByTestId("thread").getByTestId("message").last()).toHaveAttribute("data-action", "hide");
});

test("block sender: remembered, later messages hidden and kept", async ({ page }) => {
  await openApp(page);
  await inject(page, "u_anon", "Why are you ignoring me");
  await page.getByTestId("block-sender").click();
  await expect(page.getByTestId("blocked-count")).toHaveText("1");
  await expect(page.getByTestId("unblock-sender")).toBeVisible();
  const later = await inject(page, "u_anon", "hello??");
  await expect(later).toHaveAttribute("data-action", "hide");
  await expect(later).toContainText("From a buyer you blocked");

  await page.reload();
  await expect(page.locator("#app")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("folder-blocked").click();
  await expect(page.getByTestId("blocked-item")).toHaveCount(1);
  await expect(page.getByTestId("blocked-item")).toContainText("anon_7731");
  await expect(page.getByTestId("blocked-item")).toContainText("Messages kept: 2");
  await shot(page, "08-blocked-list");
  // Nothing was deleted: the conversation and its hidden message are still on the device.
  await page.getByTestId("conversations").locator('[data-sender="u_anon"]').click();
  await expect(page.getByTestId("thread").getByTestId("message")).toHaveCount(2);
  await expect(page.getByTestId("thread").getByTestId("message").last()).toHaveAttribute("data-action", "hide");
});

test("scripted stream mixes ordinary buyers and harassment", async ({ page }) => {
  await openApp(page, "?stream=fast");
  await expect(page.locator("#app")).toHaveAttribute("data-script", "done", { timeout: 10000 });
  await page.getByTestId("conversations").locator('[data-sender="u_dd"]').click();
  const thread = page.getByTestId("thread");
  await expect(thread.locator('[data-action="hide"]')).not.toHaveCount(0);
  await expect(thread.locator('[data-action="blur"]')).not.toHaveCount(0);
  await page.getByTestId("conversations").locator('[data-sender="u_lily"]').click();
  await expect(thread.locator('[data-action="show"]')).toHaveCount(4);
  await expect(thread.locator('[data-action="hide"], [data-action="blur"]')).toHaveCount(0);
  await expect(page.getByTestId("perf-inbox")).toHaveText(/ms$/);
  await expect(page.getByTestId("perf-last")).toHaveText(/ms$/);
  // The whole-inbox timing follows the inbox as it grows (6 messages at start, then the script).
  const n = Number((await page.locator("#perf-inbox-n").textContent()).match(/\d+/)[0]);
  expect(n).toBeGreaterThan(12);
  await page.getByTestId("conversations").locator('[data-sender="u_dd"]').click();
  await shot(page, "01-inbox");
});
