package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The identifier rules of {@link Ids}: 24-hex object ids (time, process, counter) and random tokens. */
class IdsTest {

    private static final String BASE62 = "[0-9A-Za-z]";

    private static long seconds(String objectId) {
        return Long.parseLong(objectId.substring(0, 8), 16);
    }

    private static int counter(String objectId) {
        return Integer.parseInt(objectId.substring(18), 16);
    }

    @Test
    void doesMakeTwentyFourLowerCaseHexDigitsWhenMakingAnObjectId() {
        assertThat(Ids.objectId()).matches("[0-9a-f]{24}");
    }

    @Test
    void doesStartAnObjectIdWithTheEpochSecondsItWasMadeIn() {
        List<String> ids = IntStream.range(0, 100).mapToObj(i -> Ids.objectId()).toList();

        for (int i = 1; i < ids.size(); i++) {
            assertThat(seconds(ids.get(i))).as("time-ordered").isGreaterThanOrEqualTo(seconds(ids.get(i - 1)));
        }
        Instant made = Instant.ofEpochSecond(seconds(ids.getFirst()));
        assertThat(made).isBetween(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2106-02-07T06:28:15Z"));
    }

    @Test
    void doesKeepTheProcessPartAndCountUpWhenOneProcessMakesIds() {
        String first = Ids.objectId();
        String second = Ids.objectId();

        assertThat(second.substring(8, 18)).as("the process's 5 random bytes").isEqualTo(first.substring(8, 18));
        assertThat(counter(second)).isEqualTo((counter(first) + 1) % (1 << 24));
    }

    @Test
    void doesNeverRepeatAnObjectIdWhenManyAreMadeAtOnce() {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 20_000).parallel().mapToObj(i -> Ids.objectId()).toList().forEach(ids::add);

        assertThat(ids).hasSize(20_000);
    }

    @Test
    void doesMakeRandomTokensOfTheAskedLengthFromBase62() {
        for (int length : new int[] {0, 1, 16, 40, 64}) {
            assertThat(Ids.random(length)).hasSize(length).matches(BASE62 + "{" + length + "}");
            assertThat(Ids.fastRandom(length)).hasSize(length).matches(BASE62 + "{" + length + "}");
        }
    }

    @Test
    void doesMakeADifferentTokenEachTimeWhenAskedForSecrets() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(Ids.random(20));
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void doesUseEveryBase62CharacterWhenMakingTokens() {
        Set<Character> seen = new HashSet<>();
        Ids.random(20_000).chars().forEach(c -> seen.add((char) c));

        assertThat(seen).hasSize(62);
    }

    @Test
    void doesMakeRandomBytesOfTheAskedLength() {
        assertThat(Ids.randomBytes(32)).hasSize(32);
        assertThat(HexFormat.of().formatHex(Ids.randomBytes(16))).isNotEqualTo(HexFormat.of().formatHex(Ids.randomBytes(16)));
    }
}
