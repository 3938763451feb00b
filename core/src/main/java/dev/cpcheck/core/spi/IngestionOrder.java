package dev.cpcheck.core.spi;

/**
 * In which order a pipe takes a source's files, which decides what the run and the checks may
 * infer from a file that has not landed.
 */
public enum IngestionOrder {
    /**
     * Continuous mode: the pipe lists keys in lexicographic order and ingests only keys above the
     * last one it ingested (S3 ClickPipes docs, "Lexicographical order"). A key below the
     * checkpoint is never ingested, and once the highest key landed no lower one will.
     */
    KEY_ORDER,
    /**
     * Unordered mode: a queue announces each new file (S3 ClickPipes docs, "Unordered mode"); files
     * land in any key order, a late key is ingested like any other, and a file is owed until its
     * event has been taken from the queue.
     */
    ANY_ORDER
}
