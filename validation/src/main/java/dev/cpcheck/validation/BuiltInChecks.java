package dev.cpcheck.validation;

import dev.cpcheck.core.spi.Check;
import dev.cpcheck.validation.internal.check.CompletenessCheck;
import dev.cpcheck.validation.internal.check.DuplicatesCheck;
import dev.cpcheck.validation.internal.check.PausedWindowCheck;
import dev.cpcheck.validation.internal.check.ResumeContinuityCheck;
import dev.cpcheck.validation.internal.check.RowContentCheck;
import dev.cpcheck.validation.internal.check.TimelineCheck;
import dev.cpcheck.validation.internal.check.UnexpectedRowsCheck;
import java.util.List;

/**
 * The checks {@link ValidationEngine} always runs. Their ids are part of the public contract:
 * reports, JUnit test case names and {@code --checks} use them.
 *
 * <table>
 *   <caption>Built-in checks</caption>
 *   <tr><th>id</th><th>fails when</th></tr>
 *   <tr><td>{@value #DUPLICATES}</td><td>a (file_id, row_id) key that was written is in the table more than once
 *       (WARN under at-least-once)</td></tr>
 *   <tr><td>{@value #COMPLETENESS}</td><td>a file is lost (a later key landed, or a poll saw it land, and it is not
 *       there) or a written row is not there; UNKNOWN when a file is merely not ingested yet</td></tr>
 *   <tr><td>{@value #UNEXPECTED_ROWS}</td><td>rows of the run that no file wrote (row ids beyond a file's rows,
 *       unknown file ids, copies from another file), or rows of other runs in the run's own table</td></tr>
 *   <tr><td>{@value #ROW_CONTENT}</td><td>a row holds other values than were written (altered); UNKNOWN when the
 *       manifest records no content</td></tr>
 *   <tr><td>{@value #PAUSED_WINDOW}</td><td>rows landed inside a confirmed paused window</td></tr>
 *   <tr><td>{@value #RESUME_CONTINUITY}</td><td>after a resume, files ingested before the pause land again
 *       (WARN under at-least-once)</td></tr>
 *   <tr><td>{@value #TIMELINE}</td><td>never: informational, rows per time bucket for the report</td></tr>
 * </table>
 */
public final class BuiltInChecks {
    public static final String DUPLICATES = DuplicatesCheck.ID;
    public static final String COMPLETENESS = CompletenessCheck.ID;
    public static final String UNEXPECTED_ROWS = UnexpectedRowsCheck.ID;
    public static final String ROW_CONTENT = RowContentCheck.ID;
    public static final String PAUSED_WINDOW = PausedWindowCheck.ID;
    public static final String RESUME_CONTINUITY = ResumeContinuityCheck.ID;
    public static final String TIMELINE = TimelineCheck.ID;

    /** The ids, in the order the checks run and reports list them. */
    public static final List<String> IDS =
            List.of(DUPLICATES, COMPLETENESS, UNEXPECTED_ROWS, ROW_CONTENT, PAUSED_WINDOW, RESUME_CONTINUITY, TIMELINE);

    private BuiltInChecks() {}

    /** New instances of every built-in check, in {@link #IDS} order. */
    public static List<Check> all() {
        return List.of(
                new DuplicatesCheck(),
                new CompletenessCheck(),
                new UnexpectedRowsCheck(),
                new RowContentCheck(),
                new PausedWindowCheck(),
                new ResumeContinuityCheck(),
                new TimelineCheck());
    }
}
