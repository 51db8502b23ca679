package dev.keybridge.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The sandbox EHR's login (wire-formats §7). Password {@code pass_good} with username:
 * {@code user_good} (links at once), {@code mfa_device} (one-time code {@code 1234}),
 * {@code mfa_selections} (choose a device, then the code), {@code mfa_questions_<n>_<m>} (n rounds of
 * m questions, answer to question j of round i is {@code answer_<i>_<j>}), {@code user_locked}
 * (a locked account), {@code error_<CODE>} (fails with that code, e.g. error_INVALID_CREDENTIALS),
 * {@code user_password_expiring} (links, with a password the EHR says expires in five days).
 */
public class SandboxEhrConnector implements Connector {

    public static final String CODE = "1234";
    /** In the state of update mode's step for an expiring password: the sign-in renews it. */
    private static final String RENEWING = "renewing";
    /** Sandbox data (what a real EHR would send), not interface text. */
    /** The devices a code can go to: each label a message key, so the end user reads it in their language. */
    private static final Map<String, String> DEVICES = Map.of("phone", "0042", "email", "m…@example.com");
    private static final List<Step.Option> DEVICE_OPTIONS = List.of(
            new Step.Option("phone", Text.of("sandbox.device.phone", DEVICES.get("phone"))),
            new Step.Option("email", Text.of("sandbox.device.email", DEVICES.get("email"))));

    @Override
    public String name() {
        return "sandbox-ehr";
    }

    @Override
    public Step start(ConnectorContext context, Map<String, String> input) {
        String user = input.getOrDefault("username", "").strip();
        String password = input.getOrDefault("password", "");
        if (user.isEmpty() || password.isEmpty()) {
            return Step.Failure.of("missing_credentials", true);
        }
        if (user.startsWith("error_")) {
            return error(user.substring("error_".length()));
        }
        if (user.equals("user_locked")) {
            return locked();
        }
        if (!SandboxEhrAccounts.PASSWORD.equals(password) || !SandboxEhrAccounts.known(user)) {
            return invalid();
        }
        Map<String, String> state = new LinkedHashMap<>();
        state.put("username", user);
        state.put("password", password);
        if (user.equals("mfa_device")) {
            return codeChallenge(state, null);
        }
        if (user.equals("mfa_selections")) {
            state.put("kind", "selection");
            return selection(state, null);
        }
        Matcher q = SandboxEhrAccounts.QUESTIONS.matcher(user);
        if (q.matches()) {
            state.put("kind", "questions");
            state.put("rounds", q.group(1));
            state.put("per_round", q.group(2));
            state.put("round", "1");
            return questions(state, null);
        }
        Step linked = success(user, password);
        Expiry expiry = SandboxEhrAccounts.passwordExpiry(user, context.clock().instant(), "true".equals(input.get(RENEWING)));
        if (expiry != null && linked instanceof Step.Success ok) {
            return new Step.Success(ok.credentials(), null, user, expiry);
        }
        return linked;
    }

    @Override
    public Step answer(ConnectorContext context, Map<String, String> state, Map<String, String> answers) {
        String kind = state.getOrDefault("kind", "");
        switch (kind) {
            case "login" -> {
                Map<String, String> input = new LinkedHashMap<>(answers);
                input.remove(RENEWING);    // only update mode's own state says a renewal is under way
                if (state.containsKey("username")) {
                    input.put("username", state.get("username"));
                }
                if (state.containsKey(RENEWING)) {
                    input.put(RENEWING, state.get(RENEWING));
                }
                return start(context, input);
            }
            case "code" -> {
                if (!CODE.equals(answers.getOrDefault("code", "").strip())) {
                    return codeChallenge(state, Text.of("sandbox.code.wrong"));
                }
                return success(state.get("username"), state.get("password"));
            }
            case "selection" -> {
                String device = answers.getOrDefault("device", "");
                if (!DEVICES.containsKey(device)) {
                    return selection(state, Text.of("sandbox.selection.missing"));
                }
                Map<String, String> next = new LinkedHashMap<>(state);
                next.put("device", device);
                return codeChallenge(next, null);
            }
            case "questions" -> {
                int round = Integer.parseInt(state.get("round"));
                int perRound = Integer.parseInt(state.get("per_round"));
                for (int j = 1; j <= perRound; j++) {
                    String expected = "answer_" + round + "_" + j;
                    if (!expected.equals(answers.getOrDefault("answer_" + j, "").strip())) {
                        return questions(state, Text.of("sandbox.questions.wrong"));
                    }
                }
                if (round >= Integer.parseInt(state.get("rounds"))) {
                    return success(state.get("username"), state.get("password"));
                }
                Map<String, String> next = new LinkedHashMap<>(state);
                next.put("round", Integer.toString(round + 1));
                return questions(next, null);
            }
            default -> {
                return Step.Failure.of("invalid_state", true);
            }
        }
    }

    /**
     * {@code otp_expired}: only a new code. {@code password_expired}: only the password, the username
     * shown and fixed. Anything else: the whole login again.
     */
    @Override
    public Step reauthenticate(ConnectorContext context, Map<String, String> credentials, String reason) {
        String user = credentials.getOrDefault("username", "");
        Map<String, String> state = new LinkedHashMap<>();
        if ("otp_expired".equals(reason) && user.startsWith("mfa_")) {
            state.put("username", user);
            state.put("password", credentials.getOrDefault("password", ""));
            return codeChallenge(state, null);
        }
        state.put("kind", "login");
        if (Expiry.PASSWORD.equals(reason) && !user.isEmpty()) {
            state.put("username", user);
            state.put(RENEWING, "true");
            return new Step.Challenge(Text.of("sandbox.renew_password.title"), Text.of("sandbox.renew_password.prompt"),
                    List.of(new Step.Field("username", "text", Text.of("field.username"), false, null, List.of(), user, true),
                            Step.Field.password("password", Text.of("field.password"))), null, state);
        }
        if ("password_expired".equals(reason) && !user.isEmpty()) {
            state.put("username", user);
            return new Step.Challenge(Text.of("sandbox.new_password.title"), Text.of("sandbox.new_password.prompt"),
                    List.of(new Step.Field("username", "text", Text.of("field.username"), false, null, List.of(), user, true),
                            Step.Field.password("password", Text.of("field.password"))), null, state);
        }
        return new Step.Challenge(Text.of("sandbox.sign_in.title"), Text.of("sandbox.sign_in.prompt"),
                List.of(Step.Field.text("username", Text.of("field.username")),
                        Step.Field.password("password", Text.of("field.password"))), null, state);
    }

    @Override
    public Check check(ConnectorContext context, Map<String, String> credentials) {
        return SandboxEhrAccounts.validLogin(credentials.get("username"), credentials.get("password"))
                ? Check.WORKS : Check.LOGIN_REQUIRED;
    }

    private static Step success(String user, String password) {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("username", user);
        credentials.put("password", password);
        return new Step.Success(credentials, null, user);
    }

    private static Step selection(Map<String, String> state, Text error) {
        return new Step.Challenge(Text.of("sandbox.selection.title"), Text.of("sandbox.selection.prompt"),
                List.of(Step.Field.choice("device", Text.of("field.device"), DEVICE_OPTIONS)), error, state);
    }

    private static Step codeChallenge(Map<String, String> state, Text error) {
        Map<String, String> next = new LinkedHashMap<>(state);
        next.put("kind", "code");
        String device = state.get("device");
        Text prompt = device != null && DEVICES.containsKey(device)
                ? Text.of("sandbox.code.prompt_" + device, DEVICES.get(device), CODE)
                : Text.of("sandbox.code.prompt", CODE);
        return new Step.Challenge(Text.of("sandbox.code.title"), prompt,
                List.of(Step.Field.code("code", Text.of("field.code"))), error, next);
    }

    private static Step questions(Map<String, String> state, Text error) {
        int round = Integer.parseInt(state.get("round"));
        int perRound = Integer.parseInt(state.get("per_round"));
        List<Step.Field> fields = new ArrayList<>();
        for (int j = 1; j <= perRound; j++) {
            fields.add(Step.Field.text("answer_" + j, Text.of("sandbox.questions.field", round, j)));
        }
        return new Step.Challenge(Text.of("sandbox.questions.title"), Text.of("sandbox.questions.prompt", round,
                state.get("rounds")), fields, error, state);
    }

    private static Step invalid() {
        return new Step.Failure("invalid_credentials", Text.of("error.invalid_login"), true);
    }

    private static Step locked() {
        return Step.Failure.of("account_locked", false);
    }

    private static Step error(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "INVALID_CREDENTIALS" -> invalid();
            case "ACCOUNT_LOCKED", "ITEM_LOCKED" -> locked();
            case "INSTITUTION_DOWN", "INSTITUTION_NOT_RESPONDING" -> new Step.Failure(upper.toLowerCase(Locale.ROOT),
                    Text.of("error.institution_down"), true);
            default -> new Step.Failure(upper.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", ""),
                    Text.of("error.refused_code", upper.replaceAll("[^A-Z0-9_]", "")), true);
        };
    }
}
