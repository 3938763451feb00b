package dev.cpcheck.s3.internal;

import dev.cpcheck.core.manifest.UploadOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Turns an SDK failure into an upload outcome and a message.
 *
 * <p>The question is whether the object may exist although the upload "failed". It may when any
 * attempt (the SDK keeps earlier attempts' failures as suppressed exceptions) ended in a way that
 * leaves the server's side unknown: a timeout after the request was sent, a connection that broke
 * mid-exchange, a 500/502/504. It cannot when every attempt was refused before the request was
 * sent (connection refused, unknown host, TLS handshake, no credentials) or answered with a
 * definite error such as {@code NoSuchBucket}, {@code AccessDenied} or {@code SlowDown} (503).
 */
public final class Failures {
    private static final int MAX_MESSAGE = 600;

    private Failures() {}

    /** {@link UploadOutcome#INDETERMINATE} when the object may exist, else {@link UploadOutcome#FAILED}. */
    public static UploadOutcome outcome(Throwable failure) {
        for (Throwable t : graph(unwrap(failure))) {
            if (mayHaveReachedStore(t)) {
                return UploadOutcome.INDETERMINATE;
            }
        }
        return UploadOutcome.FAILED;
    }

    /** A one-line description without secrets: the service's error code, or the client's cause. */
    public static String describe(Throwable failure) {
        Throwable top = unwrap(failure);
        String refused = refusedConnection(top);
        if (refused != null) {
            return refused;
        }
        String text;
        AwsServiceException service = find(top, AwsServiceException.class);
        if (service != null) {
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            String msg = service.awsErrorDetails() == null
                    ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            text = (code == null ? "S3 error" : code) + " (HTTP " + service.statusCode() + ")"
                    + (msg == null ? "" : ": " + msg)
                    + (service.requestId() == null ? "" : " [request id " + service.requestId() + "]");
        } else {
            Throwable root = top;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            text = message(top);
            if (root != top
                    && (top.getMessage() == null || !top.getMessage().contains(String.valueOf(root.getMessage())))) {
                text += " (cause: " + message(root) + ")";
            }
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    /** Without the {@code CompletionException}/{@code ExecutionException} wrappers of futures. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean mayHaveReachedStore(Throwable t) {
        if (t instanceof AwsServiceException s) {
            int status = s.statusCode();
            return status == 500 || status == 502 || status == 504;
        }
        if (t instanceof ApiCallTimeoutException
                || t instanceof ApiCallAttemptTimeoutException
                || t instanceof CancellationException) {
            return true;
        }
        String name = t.getClass().getSimpleName();
        if (name.equals("ReadTimeoutException")
                || name.equals("WriteTimeoutException")
                || name.equals("PrematureChannelClosureException")) {
            return true;
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            // waiting for a pooled connection: nothing was sent
            return t.getMessage() == null || !t.getMessage().contains("Acquire operation");
        }
        if (t instanceof IOException) {
            return !(t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SSLHandshakeException);
        }
        return false;
    }

    /**
     * {@code cannot connect to S3 at 127.0.0.1:9000: connection refused} when nothing accepted the
     * connection (the SDK wraps the socket's exception and counts its attempts), else {@code null}.
     */
    private static String refusedConnection(Throwable top) {
        for (Throwable t : graph(top)) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                String m = String.valueOf(t.getMessage());
                int at = m.lastIndexOf(": ");
                String where = at < 0 ? "" : " at " + m.substring(at + 2).replaceFirst("^[^/]*/", "");
                return "cannot connect to S3" + where + ": "
                        + (t instanceof NoRouteToHostException ? "no route to the host" : "connection refused");
            }
            if (t instanceof UnknownHostException) {
                return "cannot connect to S3: unknown host " + t.getMessage();
            }
        }
        return null;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip());
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x : graph(t)) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    /** The throwable, its causes and suppressed exceptions, each once. */
    private static Iterable<Throwable> graph(Throwable start) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(start);
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            Collections.addAll(todo, t.getSuppressed());
        }
        return out;
    }
}
