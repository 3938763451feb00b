package dev.cpcheck.engine.steps;

import dev.cpcheck.core.spi.PipeState;

/**
 * The pipe of a {@link StepRun} and what has landed, at one moment.
 *
 * @param pipeId        the pipe, or {@code null} when the run has none
 * @param state         its state from the API, or {@code null} when there is no pipe
 * @param pausedByRun   the run sent stop and no start since
 * @param ingestedFiles distinct files of the run in the destination table
 * @param ingestedRows  rows of the run in the destination table
 * @param lastFile      highest file name landed, or {@code null}
 * @param expectedFiles files written that the pipe owes
 * @param expectedRows  rows in those files
 */
public record PipeStatus(
        String pipeId,
        PipeState state,
        boolean pausedByRun,
        long ingestedFiles,
        long ingestedRows,
        String lastFile,
        long expectedFiles,
        long expectedRows) {}
