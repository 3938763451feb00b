package dev.cpcheck.validation.internal.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.spi.TimestampSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which interval each part's rows landed in, from system.parts and the part log. */
class LandingTest {
    private static final long S = 1_767_261_600L; // a second, epoch

    private static String mapping(Landing l) {
        return new String(l.mapping().data(), StandardCharsets.UTF_8);
    }

    @Test
    void unmergedPartsLandedWithinTheSecondTheyWereCreated() {
        Landing l = Landing.fromParts(
                TimestampSource.PART_MODIFICATION_TIME,
                List.of(
                        new Landing.Part("all", 1, 1, 0, false, 3, S),
                        new Landing.Part("all", 2, 2, 0, false, 3, S + 5)),
                List.of());
        assertThat(mapping(l))
                .startsWith("1\t" + S * 1000 + "\t" + (S * 1000 + 999) + "\n2\t" + (S + 5) * 1000 + "\t"
                        + ((S + 5) * 1000 + 999) + "\n");
        assertThat(l.exactUnits()).isEqualTo(2);
    }

    @Test
    void aMergedPartLandedBetweenItsSourcesWhenTheirRowsAddUp() {
        List<Landing.Part> parts = List.of(
                new Landing.Part("all", 1, 1, 0, false, 3, S),
                new Landing.Part("all", 2, 2, 0, false, 3, S + 5),
                new Landing.Part("all", 1, 2, 1, false, 6, S + 9));
        Landing l = Landing.fromParts(TimestampSource.PART_MODIFICATION_TIME, parts, List.of());
        // key 1 is both the first source and the merged part: the union of both intervals
        assertThat(mapping(l)).startsWith("1\t" + S * 1000 + "\t" + ((S + 5) * 1000 + 999) + "\n");
    }

    @Test
    void aMergedPartWhoseSourcesAreGoneLandedAtTheLatestAtTheMerge() {
        Landing l = Landing.fromParts(
                TimestampSource.PART_MODIFICATION_TIME,
                List.of(new Landing.Part("all", 1, 9, 2, false, 30, S + 9)),
                List.of());
        assertThat(mapping(l)).startsWith("1\t0\t" + ((S + 9) * 1000 + 999) + "\n");
        assertThat(l.exactUnits()).isZero();
    }

    @Test
    void thePartLogGivesTheMomentAPartWasInsertedOrAttached() {
        long t = S * 1000 + 123;
        Landing l = Landing.fromParts(
                TimestampSource.PART_LOG,
                List.of(new Landing.Part("all", 4, 4, 0, false, 3, S)),
                List.of(new Landing.Known("all", 4, 4, 3, t, t)));
        assertThat(mapping(l)).startsWith("4\t" + t + "\t" + t + "\n");
        assertThat(l.description()).startsWith("the part log");
    }

    @Test
    void aMutatedPartKeepsTheLandingOfThePartItRewrote() {
        Landing l = Landing.fromParts(
                TimestampSource.PART_MODIFICATION_TIME,
                List.of(
                        new Landing.Part("all", 1, 1, 0, false, 3, S),
                        new Landing.Part("all", 1, 1, 0, true, 2, S + 30)),
                List.of());
        assertThat(mapping(l)).startsWith("1\t" + S * 1000 + "\t" + (S * 1000 + 999) + "\n");
    }
}
