package dev.keybridge.dashboard.members;

import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.dashboard.Console;
import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.dashboard.signin.Operator;
import dev.keybridge.dashboard.signin.OperatorStore;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.Errors;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Owners only (the filter chain says so): the organization's operators, invitations (one-time links), removal. */
@Controller
class MembersController {

    private final OperatorStore operators;
    private final Invites invites;
    private final PublicUrl publicUrl;

    MembersController(OperatorStore operators, Invites invites, PublicUrl publicUrl) {
        this.operators = operators;
        this.invites = invites;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/dashboard/members")
    String list(@AuthenticationPrincipal Operator me, Model model) {
        model.addAttribute("members", operators.list(me.orgId()));
        model.addAttribute("invites", invites.pending(me.orgId()));
        model.addAttribute("roles", Role.values());
        return "dashboard/members/list";
    }

    /** Another role for a member (never the last owner's); they sign in again at their next request. */
    @PostMapping("/dashboard/members/role")
    String role(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                @RequestParam("role") String role, RedirectAttributes flash) {
        Console.caller(me, session);
        Role r = Role.parse(role);
        Operator member = operators.find(me.orgId(), id).orElseThrow(() -> Errors.notFound("member", id));
        if (r == null) {
            throw Errors.invalid("Choose owner, developer or viewer.");
        }
        if (r != member.role() && !operators.changeRole(me.orgId(), id, r)) {
            throw Errors.invalid("The last owner keeps the owner role; make someone else an owner first.");
        }
        flash.addFlashAttribute("notice", member.email() + " is now " + r.wire()
                + (id.equals(me.id()) ? "; sign in again to use the new role." : "."));
        return "redirect:/dashboard/members";
    }

    /** Revokes a pending invitation: its link stops working. */
    @PostMapping("/dashboard/members/invites/revoke")
    String revokeInvite(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                        RedirectAttributes flash) {
        Console.caller(me, session);
        if (!invites.revoke(me.orgId(), id)) {
            throw Errors.notFound("invitation", id);
        }
        flash.addFlashAttribute("notice", "The invitation was revoked; its link no longer works.");
        return "redirect:/dashboard/members";
    }

    @PostMapping("/dashboard/members/invite")
    String invite(@AuthenticationPrincipal Operator me, HttpSession session, Model model, HttpServletResponse response,
                  @RequestParam(name = "email", defaultValue = "") String email,
                  @RequestParam(name = "role", defaultValue = "viewer") String role) {
        Console.caller(me, session);    // the audit log's actor
        Role r = Role.parse(role);
        try {
            String address = Invites.checkEmail(email);
            if (r == null) {
                throw Errors.invalid("Choose owner, developer or viewer.");
            }
            Invites.Issued issued = invites.issue(me.orgId(), address, r);
            model.addAttribute("invite", issued.invite());
            model.addAttribute("link", publicUrl.get() + "/dashboard/setup?token=" + issued.token());
            return "dashboard/members/invited";
        } catch (ApiException e) {
            response.setStatus(400);
            model.addAttribute("members", operators.list(me.orgId()));
            model.addAttribute("invites", invites.pending(me.orgId()));
            model.addAttribute("roles", Role.values());
            model.addAttribute("email", email);
            model.addAttribute("emailError", e.getMessage());
            return "dashboard/members/list";
        }
    }

    @PostMapping("/dashboard/members/remove")
    String remove(@AuthenticationPrincipal Operator me, HttpSession session, @RequestParam("id") String id,
                  RedirectAttributes flash) {
        Console.caller(me, session);
        if (id.equals(me.id())) {
            throw Errors.invalid("You cannot remove yourself; ask another owner.");
        }
        Operator gone = operators.find(me.orgId(), id).orElseThrow(() -> Errors.notFound("member", id));
        if (!operators.remove(me.orgId(), id)) {
            throw Errors.invalid("The last owner cannot be removed.");
        }
        flash.addFlashAttribute("notice", gone.email() + " was removed.");
        return "redirect:/dashboard/members";
    }
}
