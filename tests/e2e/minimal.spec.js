const { test, expect, shot, verdictOf } = require("./fixtures");

test("minimal example page: init + MessageFilter + protect", async ({ page }) => {
  await page.goto("/minimal.html");
  await expect(page.locator("body")).toHaveAttribute("data-ready", "true");
  const items = page.locator("#chat > li");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveAttribute("data-action", "show");
  await expect(items.nth(0)).toHaveText("Does this fit a 7-year-old?");
  await expect(items.nth(1)).toHaveAttribute("data-action", "blur");
  const v = await verdictOf(page, "加我微信 abc123 详聊，价格好说");
  await expect(items.nth(1)).toContainText(v.reasons[0].en);
  await expect(items.nth(2)).toHaveAttribute("data-action", "hide");
  await expect(items.nth(2)).toContainText("Asks for photos or videos of a child");
  await expect(items.nth(2)).not.toContainText("feet");
  await shot(page, "15-minimal");

  // canReveal is the page's confirm(): dismissing keeps it hidden, accepting opens it.
  page.once("dialog", (d) => d.dismiss());
  await items.nth(2).getByRole("button", { name: /Open this hidden message/ }).click();
  await expect(items.nth(2)).toContainText("Not opened");
  page.once("dialog", (d) => d.accept());
  await items.nth(2).getByRole("button", { name: /Open this hidden message/ }).click();
  await expect(items.nth(2)).toContainText("send me a video of your daughter's feet");

  await items.nth(1).getByRole("button", { name: /Show this message anyway/ }).click();
  await expect(items.nth(1)).toContainText("abc123");
});
