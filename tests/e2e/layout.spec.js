const { test, expect, openApp, inject, shot } = require("./fixtures");

test.describe("phone-sized screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("no horizontal overflow; controls keep their names", async ({ page }) => {
    await openApp(page);
    await inject(page, "u_dd", "加我微信 abc123 详聊，价格好说");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("button", { name: "Parent settings", exact: true })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, "16-phone");
  });
});
