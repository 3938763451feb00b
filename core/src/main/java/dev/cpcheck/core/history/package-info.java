/**
 * The run history: every step and every observation (state polls, count polls, clock offsets,
 * resources created) as JSON lines in {@code history.jsonl}, written as they happen so a crash
 * loses nothing; and {@link dev.cpcheck.core.history.RunHistory}, which reads it back and derives
 * paused windows and resumes in the server's time base.
 */
package dev.cpcheck.core.history;
