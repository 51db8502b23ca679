package dev.keybridge.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.keybridge.dashboard.ConsoleDriver.accessible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.TestOrganization;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, item 9 in real Chromium: pending invitations are listed and revocable, inviting an address again
 * replaces its link, and an owner changes a member's role (never the last owner's), which applies at the
 * member's next request.
 */
class MembersBrowserTest extends ConsoleBrowserTest {

    @Test
    void doesListReplaceAndRevokeInvitationsAndChangeRolesWhenAnOwnerManagesMembers() {
        TestOrganization org = newOrganization();
        String suffix = Long.toString(System.nanoTime());
        Page owner = browser.newPage();
        ConsoleDriver.join(owner, base(), invites, org.id(), "owner-" + suffix + "@example.com", Role.OWNER);

        // Invite, then invite the same address again: one pending invitation, and only the second link works.
        String invitee = "invitee-" + suffix + "@example.com";
        owner.navigate(base() + "/dashboard/members");
        owner.fill("#email", invitee);
        owner.click("#invite");
        String firstLink = owner.locator("#invite-link").textContent().strip();
        owner.navigate(base() + "/dashboard/members");
        owner.fill("#email", invitee);
        owner.selectOption("#role", "developer");
        owner.click("#invite");
        String secondLink = owner.locator("#invite-link").textContent().strip();
        assertThat(secondLink).isNotEqualTo(firstLink);
        owner.navigate(base() + "/dashboard/members");
        assertThat(owner.locator("#invites tbody tr")).hasCount(1);
        assertThat(owner.locator("#invites tbody tr")).containsText("developer");
        accessible(owner);
        Page stale = browser.newPage();
        stale.navigate(firstLink);
        assertThat(stale.locator("[role=alert]").first()).isVisible();
        assertThat(stale.locator("#password")).hasCount(0);

        // Revoke it: the list is empty and the second link is dead too.
        owner.click("#invites button:has-text('Revoke')");
        owner.click("#confirm-ok");
        assertThat(owner.locator("#no-invites")).isVisible();
        stale.navigate(secondLink);
        assertThat(stale.locator("#password")).hasCount(0);

        // A developer who joins, then is made a viewer: at their next request they sign in again, as a viewer.
        String dev = "dev-" + suffix + "@example.com";
        Page member = browser.newPage();   // a context of its own: another browser as far as cookies go
        ConsoleDriver.join(member, base(), invites, org.id(), dev, Role.DEVELOPER);
        owner.navigate(base() + "/dashboard/members");
        owner.locator("tr:has-text('" + dev + "') select[name=role]").selectOption("viewer");
        owner.locator("tr:has-text('" + dev + "') button:has-text('Change')").click();
        assertThat(owner.locator(".notice")).containsText(dev + " is now viewer");
        member.navigate(base() + "/dashboard/credentials");
        assertThat(member.url()).contains("/dashboard/signin");
        assertThat(member.locator(".notice")).containsText("An owner changed your role");
        ConsoleDriver.signIn(member, dev, ConsoleDriver.PASSWORD);
        member.navigate(base() + "/dashboard/credentials");
        assertThat(member.locator("#create-credential")).hasCount(0);

        // The last owner cannot be demoted: the owner's own row offers no role change, and a forged one is refused.
        assertThat(owner.locator("tr:has-text('owner-" + suffix + "') select")).hasCount(0);
        String csrf = ConsoleDriver.csrf(owner);
        APIResponse answer = owner.request().post(base() + "/dashboard/members/role", RequestOptions.create()
                .setForm(FormData.create().set("_csrf", csrf).set("id", memberId(org, "owner-" + suffix + "@example.com"))
                        .set("role", "viewer")));
        assertThat(answer.status()).isEqualTo(400);
        owner.navigate(base() + "/dashboard/members");
        assertThat(owner.locator("tr:has-text('owner-" + suffix + "')")).containsText("owner");
    }

    private String memberId(TestOrganization org, String email) {
        return jdbc.sql("select id from operator where org_id = ? and email = ?").params(org.id(), email)
                .query(String.class).single();
    }
}
