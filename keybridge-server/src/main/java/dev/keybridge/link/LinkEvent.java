package dev.keybridge.link;

import static dev.keybridge.link.LinkSession.State.AUTHORIZING;
import static dev.keybridge.link.LinkSession.State.CHALLENGE;
import static dev.keybridge.link.LinkSession.State.CREATED;
import static dev.keybridge.link.LinkSession.State.EXITED;
import static dev.keybridge.link.LinkSession.State.FAILED;
import static dev.keybridge.link.LinkSession.State.FORM;
import static dev.keybridge.link.LinkSession.State.PICKING;
import static dev.keybridge.link.LinkSession.State.SUCCEEDED;

import java.util.EnumSet;
import java.util.Set;

/**
 * The Link state machine as one table: every event, the states it may happen in, and the state it
 * leads to. {@link LinkSessions#move} refuses any other move, and does it as a compare-and-set on the
 * current state, so a double submit or a replay finds the session moved on.
 *
 * <pre>
 * event        from                                         to
 * OPEN_PICKER  created                                      picking
 * SHOW_FORM    created, picking, form, authorizing, challenge form
 * ASK          created, form, authorizing, challenge          challenge
 * REDIRECT     form, authorizing                              authorizing
 * BACK         form, authorizing, challenge                   picking
 * SUCCEED      form, authorizing, challenge                   succeeded
 * FAIL         created, form, authorizing, challenge          failed
 * EXIT         created, picking, form, authorizing, challenge exited
 * REOPEN       exited, failed                                 created   (the same token opened again)
 * </pre>
 */
enum LinkEvent {
    /** Opened without an app: the picker. */
    OPEN_PICKER(EnumSet.of(CREATED), PICKING),
    /** An app's first form (or the form again, with an error to fix). */
    SHOW_FORM(EnumSet.of(CREATED, PICKING, FORM, AUTHORIZING, CHALLENGE), FORM),
    /** The connector asks something (a code, questions, a choice, or in update mode only what is missing). */
    ASK(EnumSet.of(CREATED, FORM, AUTHORIZING, CHALLENGE), CHALLENGE),
    /** The browser goes to the provider (OAuth2) and comes back to the callback. */
    REDIRECT(EnumSet.of(FORM, AUTHORIZING), AUTHORIZING),
    /** Back to the picker (not for single-app Links). */
    BACK(EnumSet.of(FORM, AUTHORIZING, CHALLENGE), PICKING),
    /** Linked: the connection and the public token exist. */
    SUCCEED(EnumSet.of(FORM, AUTHORIZING, CHALLENGE), SUCCEEDED),
    /** Cannot go on (a refused origin, a locked account, too many attempts). */
    FAIL(EnumSet.of(CREATED, FORM, AUTHORIZING, CHALLENGE), FAILED),
    /** The user closed Link. */
    EXIT(EnumSet.of(CREATED, PICKING, FORM, AUTHORIZING, CHALLENGE), EXITED),
    /** The link token was opened again after the user closed Link or it failed: the flow starts over. */
    REOPEN(EnumSet.of(EXITED, FAILED), CREATED);

    private final Set<LinkSession.State> from;
    private final LinkSession.State to;

    LinkEvent(Set<LinkSession.State> from, LinkSession.State to) {
        this.from = from;
        this.to = to;
    }

    boolean allowedFrom(LinkSession.State state) {
        return from.contains(state);
    }

    LinkSession.State to() {
        return to;
    }
}
