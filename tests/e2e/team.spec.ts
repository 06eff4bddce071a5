import { describe, expect, inject, it } from "vitest";
import { openBrowserSession, screenshot, signIn, press, typeInto } from "./browser";
import { wcagViolations } from "./axe";
import { openMailbox } from "./mailbox";
import { makeFeed, makeListing } from "../helpers/factories";
import { systemContext } from "@/server/service-context";
import { createUser } from "@/server/services/users/users.service";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";

const baseUrl = inject("baseUrl");
const admin = openBrowserSession({ viewport: { width: 1280, height: 900 } });
const agent = openBrowserSession({ viewport: { width: 1280, height: 900 } });
const mailbox = openMailbox("e2e-team");

describe("« Équipe », keyboard only", () => {
  it("an admin invites an agent, who follows the e-mail and signs in; disabled, the agent's open page goes to sign-in at its next action", async () => {
    const ctx = systemContext(mailbox.database.db, "cli");
    await createUser(ctx, {
      email: "equipe.admin@example.com",
      name: "Claire Équipe",
      role: "admin",
      password: "gérer l'équipe 2026",
    });
    const page = admin.page;
    await signIn(page, baseUrl, "equipe.admin@example.com", "gérer l'équipe 2026");
    await page.waitForURL(`${baseUrl}/admin`);
    await press(
      page,
      page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Équipe" }),
    );
    await page.waitForURL(`${baseUrl}/admin/equipe`);
    await typeInto(page, page.getByLabel("Nom", { exact: true }), "Hugo Renfort");
    await typeInto(page, page.getByLabel("E-mail", { exact: true }), "hugo.renfort@example.com");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Invitation envoyée à hugo.renfort@example.com." }).waitFor();
    const row = page.getByTestId("team-member").filter({ hasText: "Hugo Renfort" });
    expect(await row.textContent()).toContain("Invité");
    expect(await wcagViolations(page)).toEqual([]);

    await mailbox.deliver();
    const link = mailbox.linkTo("hugo.renfort@example.com", "invitation");
    expect(link).toBeTruthy();

    const agentPage = agent.page;
    await agentPage.goto(link!);
    await agentPage.getByText("Bonjour Hugo Renfort").waitFor();
    await typeInto(agentPage, agentPage.getByLabel("Nouveau mot de passe"), "Quai des brumes 1938");
    await typeInto(agentPage, agentPage.getByLabel("Confirmer le mot de passe"), "Quai des brumes 1938");
    await agentPage.keyboard.press("Enter");
    await agentPage.waitForURL(`${baseUrl}/admin`);

    const listing = await makeListing(mailbox.database.db, { title: "Cabane perchée des Landes" });
    const feed = await makeFeed(mailbox.database.db, listing.id);
    const { alert } = await createCalendarSyncAlert(ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "Not found",
      feedId: feed.id,
      feedConsecutiveFailures: 1,
      feedLabel: "Airbnb",
      threshold: 3,
    });
    await agentPage.goto(`${baseUrl}/admin/alerts/calendar-sync/${alert.id}`);
    await agentPage.getByRole("button", { name: "Je m'en occupe" }).waitFor();

    await page.reload();
    const active = page.getByTestId("team-member").filter({ hasText: "Hugo Renfort" });
    expect(await active.textContent()).toContain("Actif");
    page.once("dialog", (dialog) => void dialog.accept());
    await press(page, active.getByRole("button", { name: "Désactiver Hugo Renfort" }));
    await active.getByText("Désactivé").waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, "team-disabled");

    await press(agentPage, agentPage.getByRole("button", { name: "Je m'en occupe" }));
    await agentPage.waitForURL(/\/login\?callbackUrl=/);
    expect(decodeURIComponent(agentPage.url())).toContain(`/admin/alerts/calendar-sync/${alert.id}`);
  });
});
