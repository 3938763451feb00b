package dev.cpcheck.s3;

/**
 * Progress of one {@link S3Fixture#write(dev.cpcheck.core.spi.FileBatch, UploadOrder,
 * java.util.function.Consumer) write}: reported after every finished file, in increasing order.
 *
 * <pre>{@code
 * fixture.write(batch, UploadOrder.ANY_ORDER, p -> System.out.printf("%d/%d files, %d MB%n",
 *         p.filesDone(), p.filesTotal(), p.bytesUploaded() >> 20));
 * }</pre>
 *
 * @param filesDone     files finished, whatever their outcome
 * @param filesTotal    files in the batch
 * @param filesNotOk    finished files whose outcome is failed or indeterminate
 * @param bytesUploaded bytes the store acknowledged so far (single puts and multipart parts)
 */
public record UploadProgress(long filesDone, long filesTotal, long filesNotOk, long bytesUploaded) {}
