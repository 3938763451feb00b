package dev.cpcheck.s3.internal;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one fixture file, format and compression applied, to a stream. Output is a pure function
 * of the content, format and compression: gzip headers carry no time or name, and zstd runs
 * single-threaded at a fixed level.
 */
public final class FileEncoder {
    /** zstd level: the library default, fast and deterministic. */
    static final int ZSTD_LEVEL = 3;

    private static final int BUFFER = 16 * 1024;

    private FileEncoder() {}

    /**
     * Writes the file to {@code out}. Flushes but does not close {@code out}.
     *
     * @throws IOException from {@code out}
     */
    public static void write(FileContent content, FileFormat format, Compression compression, OutputStream out)
            throws IOException {
        OutputStream target = new NonClosing(out);
        OutputStream compressed = switch (compression) {
            case NONE -> target;
            case GZIP -> new GZIPOutputStream(target, BUFFER);
            case ZSTD -> new ZstdOutputStreamNoFinalizer(target, ZSTD_LEVEL).setChecksum(true);
        };
        try (OutputStream buffered = new BufferedOutputStream(compressed, BUFFER)) {
            if (format == FileFormat.PARQUET) {
                ParquetEncoder.write(content, buffered);
            } else {
                TextEncoder.write(format, content, buffered);
            }
        }
        out.flush();
    }

    /** Lets the compressor finish its trailer on close without closing the caller's stream. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
