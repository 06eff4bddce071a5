import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn } from "./browser";
import { wcagViolations } from "./axe";
import { openMailbox } from "./mailbox";
import { systemContext } from "@/server/service-context";
import { createUser } from "@/server/services/users/users.service";

const baseUrl = inject("baseUrl");
const session = openBrowserSession({ viewport: { width: 390, height: 844 } });
const mailbox = openMailbox("e2e-reset");

describe("« Mot de passe oublié »", () => {
  it("from the sign-in page, keyboard only: the e-mail's link sets a new password and signs in; the link is then used", async () => {
    const ctx = systemContext(mailbox.database.db, "cli");
    await createUser(ctx, {
      email: "oubli@example.com",
      name: "Nadia Oubli",
      role: "support",
      password: "ancien mot de passe 2026",
    });
    const { page } = session;
    await page.goto(`${baseUrl}/login`);
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/mot-de-passe-oublie`);
    await page.getByLabel("Adresse e-mail").focus();
    await page.keyboard.type("oubli@example.com");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Si un compte existe pour cette adresse" }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await mailbox.deliver();
    const mail = mailbox.smtp.received.find((received) => received.to.includes("oubli@example.com"));
    expect(mail?.subject).toContain("R=C3=A9initialiser_votre_mot_de_passe");
    const link = mailbox.linkTo("oubli@example.com", "reinitialiser");
    expect(link).toBeTruthy();

    await page.goto(link!);
    await page.getByText("oubli@example.com").waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByLabel("Nouveau mot de passe").focus();
    await page.keyboard.type("Nouveau départ à Lyon 2027");
    await page.getByLabel("Confirmer le mot de passe").focus();
    await page.keyboard.type("Nouveau départ à Lyon 2027");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseUrl}/admin`);
    await screenshot(page, "password-reset-landed");

    await page.goto(link!);
    await page.getByRole("alert").filter({ hasText: "Ce lien a déjà servi" }).waitFor();
    await session.context.clearCookies();
    await signIn(page, baseUrl, "oubli@example.com", "Nouveau départ à Lyon 2027");
    await page.waitForURL(`${baseUrl}/admin`);
  });
});
