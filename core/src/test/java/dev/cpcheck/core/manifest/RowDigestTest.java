package dev.cpcheck.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowDigestTest {
    @Test
    void aDigestReadsBackAsTheNumberItWasWrittenFrom() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, 1, 9, 10, Long.MAX_VALUE, Long.MIN_VALUE, -1L, -2L, 999_999_999_999_999_999L};
        for (long d : edges) {
            assertThat(RowDigest.parse(RowDigest.format(d)))
                    .as(Long.toUnsignedString(d))
                    .isEqualTo(d);
        }
        for (int i = 0; i < 10_000; i++) {
            long d = random.nextLong() >>> random.nextInt(64);
            assertThat(RowDigest.parse(RowDigest.format(d))).isEqualTo(d);
        }
    }

    @Test
    void whatIsNotAnUnsigned64BitNumberIsRefused() {
        for (String bad :
                new String[] {"", "-1", "abc", "12a", "18446744073709551616", "99999999999999999999", "1.5"}) {
            assertThatThrownBy(() -> RowDigest.parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
        assertThat(RowDigest.parse(" 42 ")).isEqualTo(42);
        assertThat(RowDigest.parse("+42")).isEqualTo(42);
    }
}
