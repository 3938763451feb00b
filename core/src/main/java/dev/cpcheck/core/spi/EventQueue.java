package dev.cpcheck.core.spi;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The queue that announces a source's new files to a pipe in unordered mode (an SQS queue fed by
 * the bucket's event notifications), as far as a run can see it.
 */
public interface EventQueue {

    /** The queue's URL, as the pipe is given it. */
    String url();

    /** How long the queue keeps a message it was not asked to delete; older ones are dropped unread. */
    Duration retention();

    /**
     * Events the pipe has not taken yet: messages visible in the queue or in flight (received and
     * not deleted). Empty when the queue cannot tell for sure, e.g. while events of recent writes
     * may still be on their way to it, or when the queue may not be read.
     */
    OptionalLong pendingEvents();
}
