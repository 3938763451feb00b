package dev.cpcheck.s3;

/**
 * In which order a batch's files become visible in the bucket.
 *
 * <p>ClickPipes' continuous mode ingests only keys greater than the last key it ingested. If a
 * poll lists the bucket while file 8 is already visible but file 7 is not, file 7 is skipped
 * forever: a loss caused by the upload, not by the pipe. So while a pipe may be reading, files
 * must appear in key order.
 */
public enum UploadOrder {
    /**
     * A file becomes visible only after every lower key of the batch: small files are put one
     * after another; large files upload their parts concurrently and complete their multipart
     * upload in key order. Safe while a pipe is reading. The default.
     */
    KEY_ORDER,
    /**
     * Files are uploaded concurrently and may appear in any order. Fastest; use it only when no
     * pipe reads the prefix yet (e.g. bulk fixtures written before the pipe is created).
     */
    ANY_ORDER
}
