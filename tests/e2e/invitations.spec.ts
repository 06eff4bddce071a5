import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";
import { wcagViolations } from "./axe";
import { openMailbox } from "./mailbox";
import { systemContext } from "@/server/service-context";
import { createApiKey } from "@/server/services/api-keys/api-keys.service";
import { sql } from "drizzle-orm";

const baseUrl = inject("baseUrl");
const admin = openBrowserSession({ viewport: { width: 1280, height: 900 } });
const invitee = openBrowserSession({ viewport: { width: 390, height: 844 } });
const mailbox = openMailbox("e2e-invitations");

describe("a host the platform brought in", () => {
  it("is invited from « Intégrations », follows the e-mail, chooses a password and lands on « Mes calendriers »; the link then says it was used", async () => {
    const ctx = systemContext(mailbox.database.db, "cli");
    const { key } = await createApiKey(ctx, { name: "Plateforme e2e", scopes: ["listings:write"] });
    const put = await fetch(`${baseUrl}/api/v1/listings/E2E-LOFT`, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        title: "Loft des Canuts",
        city: "Lyon",
        timeZone: "Europe/Paris",
        host: { externalId: "E2E-HOST", email: "ines.garnier@hosts.example", name: "Inès Garnier" },
      }),
    });
    expect(put.status).toBe(201);

    const page = admin.page;
    await signIn(page, baseUrl, "admin@example.com");
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/integrations?q=Garnier`);
    const row = page.getByTestId("platform-host").filter({ hasText: "Inès Garnier" });
    expect(await row.textContent()).toContain("Pas encore invité");
    await row.getByRole("button", { name: /Inviter/ }).click();
    await row.getByText("Invitation envoyée.").waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // The worker's sender, to a real SMTP server.
    await mailbox.deliver();
    const mail = mailbox.smtp.received.find((received) => received.to.includes("ines.garnier@hosts.example"));
    expect(mail?.subject).toContain("Choisissez votre mot de passe");
    const link = mailbox.linkTo("ines.garnier@hosts.example", "invitation");
    expect(link).toBeTruthy();

    const hostPage = invitee.page;
    await hostPage.goto(link!);
    await hostPage.getByText("Bonjour Inès Garnier").waitFor();
    expect(await wcagViolations(hostPage)).toEqual([]);
    await hostPage.getByLabel("Nouveau mot de passe").fill("court");
    await hostPage.getByLabel("Confirmer le mot de passe").fill("court");
    await hostPage.getByRole("button", { name: "Enregistrer et me connecter" }).click();
    await hostPage.getByRole("alert").filter({ hasText: "au moins 12 caractères" }).waitFor();
    await hostPage.getByLabel("Nouveau mot de passe").fill("Soie et traboules 1831");
    await hostPage.getByLabel("Confirmer le mot de passe").fill("Soie et traboules 1831");
    await hostPage.getByRole("button", { name: "Enregistrer et me connecter" }).click();
    await hostPage.waitForURL(`${baseUrl}/hote/calendriers`);
    await hostPage.getByRole("heading", { name: /Loft des Canuts/ }).waitFor();
    expect(await wcagViolations(hostPage)).toEqual([]);
    await screenshot(hostPage, "invitation-landed");

    await hostPage.goto(link!);
    await hostPage.getByRole("alert").filter({ hasText: "Ce lien a déjà servi" }).waitFor();
    expect(await wcagViolations(hostPage)).toEqual([]);
  });

  it("offers a new link from an expired one, and says it was sent", async () => {
    const ctx = systemContext(mailbox.database.db, "cli");
    const { key } = await createApiKey(ctx, { name: "Plateforme e2e 2", scopes: ["listings:write"] });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const put = await fetch(`${baseUrl}/api/v1/listings/E2E-ATELIER`, {
      method: "PUT",
      headers,
      body: JSON.stringify({
        title: "Atelier des Pentes",
        city: "Lyon",
        timeZone: "Europe/Paris",
        host: { externalId: "E2E-HOST-2", email: "remi.faure@hosts.example", name: "Rémi Faure" },
      }),
    });
    expect(put.status).toBe(201);
    expect((await fetch(`${baseUrl}/api/v1/hosts/E2E-HOST-2/invitation`, { method: "POST", headers })).status).toBe(
      201,
    );
    await mailbox.deliver();
    const link = mailbox.linkTo("remi.faure@hosts.example", "invitation")!;
    // Seventy-three hours later.
    await mailbox.database.db
      .execute(sql`update account_invitations set expires_at = now() - interval '1 hour', created_at = now() - interval '73 hours'
      where user_id = (select id from users where email = 'remi.faure@hosts.example')`);
    const page = invitee.page;
    // From another page: a link differing only by its fragment would not load the page again.
    await page.goto("about:blank");
    await page.goto(link);
    await page.getByRole("alert").filter({ hasText: "Ce lien a expiré" }).waitFor();
    await page.getByRole("button", { name: "Recevoir un nouveau lien" }).click();
    await page.getByRole("status").filter({ hasText: "un nouveau vient de partir" }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await mailbox.deliver();
    expect(mailbox.smtp.received.filter((received) => received.to.includes("remi.faure@hosts.example"))).toHaveLength(
      2,
    );
  });
});
