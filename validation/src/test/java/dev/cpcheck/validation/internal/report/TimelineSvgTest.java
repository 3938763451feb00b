package dev.cpcheck.validation.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's marker labels never overlap, however close their markers are. */
class TimelineSvgTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void labelsOfMarkersCloseTogetherGoOnSeparateLines() {
        // pause sent, Stopped seen and a batch of files within a second on a 90 s axis: a few pixels apart
        List<TimelineSvg.Marker> markers = List.of(
                new TimelineSvg.Marker(T0.plusSeconds(5), "6 initial files", "files"),
                new TimelineSvg.Marker(T0.plusSeconds(30), "pause sent", "command"),
                new TimelineSvg.Marker(T0.plusMillis(30_400), "Stopped seen", "command"),
                new TimelineSvg.Marker(T0.plusMillis(30_600), "3 paused files", "files"),
                new TimelineSvg.Marker(T0.plusSeconds(60), "resume sent", "command"),
                new TimelineSvg.Marker(T0.plusSeconds(89), "end", "command"));
        List<Integer> lines = TimelineSvg.labelLines(markers, T0.toEpochMilli(), 90_000, 1016);
        assertThat(lines).containsExactly(0, 0, 1, 2, 0, 0);

        String svg = TimelineSvg.render(
                List.of(new TimelineSvg.Bar(T0, T0.plusSeconds(2), 3, 1, "pre-pause", new long[] {3, 0, 0, 0})),
                List.of(),
                markers,
                T0,
                T0.plusSeconds(90));
        // three lines of labels above the plot, none on top of another
        assertThat(svg)
                .contains("y=\"18\" class=\"marker\">pause sent")
                .contains("y=\"31\" class=\"marker\">Stopped seen")
                .contains("y=\"44\" class=\"marker\">3 paused files")
                .contains("3 of 3 rows, 1 files (written before the pause, landed before the pause)");
    }
}
