package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.internal.s3.S3KeyLister.ObjectInfo;
import java.util.List;

/** Lists the keys of one pipe's source, in key order, after a given key. */
interface KeyLister extends AutoCloseable {

    /** Matching keys strictly greater than {@code after} ({@code null}: all), sorted, at most {@code limit}. */
    List<ObjectInfo> listAfter(String after, int limit);

    @Override
    void close();
}
