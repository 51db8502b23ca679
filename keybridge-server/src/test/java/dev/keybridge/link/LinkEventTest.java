package dev.keybridge.link;

import static dev.keybridge.link.LinkSession.State.AUTHORIZING;
import static dev.keybridge.link.LinkSession.State.CHALLENGE;
import static dev.keybridge.link.LinkSession.State.CREATED;
import static dev.keybridge.link.LinkSession.State.EXITED;
import static dev.keybridge.link.LinkSession.State.FAILED;
import static dev.keybridge.link.LinkSession.State.FORM;
import static dev.keybridge.link.LinkSession.State.PICKING;
import static dev.keybridge.link.LinkSession.State.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.link.LinkSession.State;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Link state machine ({@link LinkEvent}): which events may happen in which states, and where they lead. */
class LinkEventTest {

    private static Set<State> statesAllowing(LinkEvent event) {
        EnumSet<State> allowed = EnumSet.noneOf(State.class);
        for (State s : State.values()) {
            if (event.allowedFrom(s)) {
                allowed.add(s);
            }
        }
        return allowed;
    }

    private static List<LinkEvent> eventsAllowedIn(State state) {
        return Arrays.stream(LinkEvent.values()).filter(e -> e.allowedFrom(state)).toList();
    }

    @Test
    void doesOpenThePickerOnlyWhenTheSessionWasJustCreated() {
        assertThat(statesAllowing(LinkEvent.OPEN_PICKER)).containsExactly(CREATED);
        assertThat(LinkEvent.OPEN_PICKER.to()).isEqualTo(PICKING);
    }

    @Test
    void doesShowTheFormAgainWhenTheUserIsAnywhereInTheFlow() {
        assertThat(statesAllowing(LinkEvent.SHOW_FORM)).containsExactlyInAnyOrder(CREATED, PICKING, FORM, AUTHORIZING, CHALLENGE);
        assertThat(LinkEvent.SHOW_FORM.to()).isEqualTo(FORM);
    }

    @Test
    void doesAskAQuestionWhenTheSessionHasAnAppButNotFromThePicker() {
        assertThat(statesAllowing(LinkEvent.ASK)).containsExactlyInAnyOrder(CREATED, FORM, AUTHORIZING, CHALLENGE);
        assertThat(LinkEvent.ASK.allowedFrom(PICKING)).isFalse();
        assertThat(LinkEvent.ASK.to()).isEqualTo(CHALLENGE);
    }

    @Test
    void doesRedirectToTheProviderOnlyFromTheFormOrAnEarlierRedirect() {
        assertThat(statesAllowing(LinkEvent.REDIRECT)).containsExactlyInAnyOrder(FORM, AUTHORIZING);
        assertThat(LinkEvent.REDIRECT.to()).isEqualTo(AUTHORIZING);
    }

    @Test
    void doesGoBackToThePickerOnlyWhenAnAppWasChosen() {
        assertThat(statesAllowing(LinkEvent.BACK)).containsExactlyInAnyOrder(FORM, AUTHORIZING, CHALLENGE);
        assertThat(LinkEvent.BACK.allowedFrom(PICKING)).isFalse();
        assertThat(LinkEvent.BACK.to()).isEqualTo(PICKING);
    }

    @Test
    void doesSucceedOnlyAfterTheUserAnsweredSomething() {
        assertThat(statesAllowing(LinkEvent.SUCCEED)).containsExactlyInAnyOrder(FORM, AUTHORIZING, CHALLENGE);
        assertThat(LinkEvent.SUCCEED.allowedFrom(CREATED)).as("nothing was submitted yet").isFalse();
        assertThat(LinkEvent.SUCCEED.to()).isEqualTo(SUCCEEDED);
    }

    @Test
    void doesFailFromEveryStateWithAnAppWhenTheFlowCannotGoOn() {
        assertThat(statesAllowing(LinkEvent.FAIL)).containsExactlyInAnyOrder(CREATED, FORM, AUTHORIZING, CHALLENGE);
        assertThat(LinkEvent.FAIL.to()).isEqualTo(FAILED);
    }

    @Test
    void doesExitFromEveryLiveStateWhenTheUserClosesLink() {
        assertThat(statesAllowing(LinkEvent.EXIT)).containsExactlyInAnyOrder(CREATED, PICKING, FORM, AUTHORIZING, CHALLENGE);
        assertThat(LinkEvent.EXIT.to()).isEqualTo(EXITED);
    }

    @Test
    void doesStartOverWhenAnExitedOrFailedSessionIsOpenedAgain() {
        assertThat(statesAllowing(LinkEvent.REOPEN)).containsExactlyInAnyOrder(EXITED, FAILED);
        assertThat(LinkEvent.REOPEN.to()).isEqualTo(CREATED);
    }

    @Test
    void doesAllowNoEventAtAllWhenTheSessionSucceeded() {
        assertThat(eventsAllowedIn(SUCCEEDED)).isEmpty();
    }

    @Test
    void doesAllowOnlyReopenWhenTheSessionExitedOrFailed() {
        assertThat(eventsAllowedIn(EXITED)).containsExactly(LinkEvent.REOPEN);
        assertThat(eventsAllowedIn(FAILED)).containsExactly(LinkEvent.REOPEN);
    }

    @Test
    void doesCallExactlyTheEndedStatesTerminal() {
        assertThat(Arrays.stream(State.values()).filter(State::terminal))
                .containsExactlyInAnyOrder(SUCCEEDED, FAILED, EXITED);
    }

    @Test
    void doesLetEveryLiveStateBeLeftWhenTheUserGivesUp() {
        for (State live : EnumSet.of(CREATED, PICKING, FORM, AUTHORIZING, CHALLENGE)) {
            assertThat(eventsAllowedIn(live)).as(live.name()).contains(LinkEvent.EXIT);
        }
    }
}
