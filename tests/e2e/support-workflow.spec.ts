import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn, press } from "./browser";
import { wcagViolations } from "./axe";
import { readFileSync } from "node:fs";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 1440, height: 900 } });
const LISTING = "Péniche amarrée quai de la Loire";

describe("a support agent's workflow on one alert, keyboard only", () => {
  it("takes the alert, writes a note, snoozes it off the dashboard, and finds it under « En pause »", async () => {
    const page = session.page;
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?q=${encodeURIComponent("Péniche")}`);
    const row = page.getByTestId("alert-row").filter({ hasText: LISTING });
    await press(page, row.getByRole("link", { name: LISTING }));
    await page.waitForURL(/\/admin\/alerts\/calendar-sync\/.+/);
    const detailUrl = page.url();

    await press(page, page.getByRole("button", { name: "Je m'en occupe" }));
    await page.getByTestId("assignee").filter({ hasText: "vous (Sophie Martin)" }).waitFor();

    const note = "Appelé l'hôte : il régénère son lien Airbnb demain matin.";
    await page.getByLabel("Ajouter une note").focus();
    await page.keyboard.type(note);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const timeline = page.getByTestId("timeline");
    await timeline.getByText(note).waitFor();
    expect(await timeline.textContent()).toContain("Note de Sophie Martin");
    expect(await timeline.textContent()).toContain("Sophie Martin s'en occupe");
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, "alert-workflow-detail");

    await press(page, page.getByRole("button", { name: "4 h", exact: true }));
    await page.getByTestId("snoozed").filter({ hasText: "En pause jusqu'au" }).waitFor();
    expect(await timeline.textContent()).toContain("Sophie Martin a mis l'alerte en pause jusqu'au");

    await page.goto(`${baseUrl}/admin`);
    await page.getByRole("region", { name: "Alertes calendrier" }).waitFor();
    expect(await page.getByTestId("calendar-alert").filter({ hasText: LISTING }).count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=snoozed`);
    const paused = page.getByTestId("alert-row").filter({ hasText: LISTING });
    expect(await paused.textContent()).toMatch(/En pause jusqu'au.*Sophie Martin/);
    expect(await wcagViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?assignee=me&status=all`);
    expect(await page.getByTestId("alert-row").filter({ hasText: LISTING }).count()).toBe(1);

    await page.goto(detailUrl);
    await press(page, page.getByRole("button", { name: "Reprendre" }));
    await page
      .getByRole("button", { name: "Je m'en occupe" })
      .or(page.getByRole("button", { name: "4 h", exact: true }))
      .first()
      .waitFor();
    expect(await page.getByTestId("snoozed").count()).toBe(0);
  });

  it("bulk-resolves three alerts with a note from the history page, then downloads the CSV of the history", async () => {
    const page = session.page;
    await signIn(page, baseUrl, "support@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync`);
    const titles = ["Chalet avec vue sur le Mont-Blanc", "Gîte au cœur des vignes", "Mas camarguais"];
    for (const title of titles)
      await press(page, page.getByRole("checkbox", { name: `Sélectionner ${title}` }), "Space");
    await page.getByLabel("Note de résolution").focus();
    await page.keyboard.type("Panne Booking.com terminée, liens vérifiés.");
    await press(page, page.getByRole("button", { name: "Résoudre la sélection" }));
    await page.getByRole("status").filter({ hasText: "3 alertes traitées." }).waitFor();
    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=resolved&q=${encodeURIComponent("Mas camarguais")}`);
    expect(await page.getByTestId("alert-row").filter({ hasText: "Mas camarguais" }).textContent()).toContain(
      "Par Sophie Martin",
    );
    expect(await wcagViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/admin/alerts/calendar-sync?status=all`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      press(page, page.getByRole("link", { name: /Exporter en CSV/ })),
    ]);
    expect(download.suggestedFilename()).toMatch(/^alertes-calendrier-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    const bytes = readFileSync(file!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFFAnnonce;Identifiant de l'annonce;Type d'erreur;Message;Tentatives échouées;Premier échec;Dernier échec;Statut;Escaladée le;Responsable;En pause jusqu'au;Résolue le;Résolue par;Note de résolution",
    );
    expect(text).toContain("Mas camarguais;demo-listing-12;");
  });

  it("shows the detail page's workflow at 375 px without a page wider than the screen", async () => {
    const phone = await session.browser.newContext({ viewport: { width: 375, height: 812 }, locale: "fr-FR" });
    const mobile = await phone.newPage();
    await signIn(mobile, baseUrl, "support2@example.com");
    await mobile.waitForURL(`${baseUrl}/admin`);
    await mobile.goto(`${baseUrl}/admin/alerts/calendar-sync?q=${encodeURIComponent("Péniche")}`);
    await mobile.getByTestId("alert-row").filter({ hasText: LISTING }).getByRole("link", { name: LISTING }).click();
    await mobile.getByRole("heading", { name: "Suivi" }).waitFor();
    expect(
      await mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    expect(await mobile.getByTestId("assignee").textContent()).toContain("Sophie Martin");
    await screenshot(mobile, "alert-workflow-375");
    await phone.close();
  });
});
