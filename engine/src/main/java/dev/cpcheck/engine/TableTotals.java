package dev.cpcheck.engine;

import java.time.Instant;

/**
 * Totals of a destination table, or of one run's rows in it, from one SQL aggregation.
 *
 * @param rows            rows
 * @param files           distinct source files
 * @param runs            distinct run ids
 * @param firstIngestedAt earliest landing time, {@code null} when empty
 * @param lastIngestedAt  latest landing time, {@code null} when empty
 */
public record TableTotals(long rows, long files, long runs, Instant firstIngestedAt, Instant lastIngestedAt) {}
