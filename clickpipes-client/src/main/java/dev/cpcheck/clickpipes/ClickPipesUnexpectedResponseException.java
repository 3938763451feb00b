package dev.cpcheck.clickpipes;

/**
 * The answer is not what the ClickHouse Cloud API sends: a body that is not JSON (an S3 server's
 * XML error, an HTML page of a proxy or login portal), or JSON of another shape. Usually the API
 * URL points at another server; retrying does not help.
 *
 * <pre>{@code
 * catch (ClickPipesUnexpectedResponseException e) {
 *   // "the answer from http://localhost:9000 is not a ClickHouse Cloud API response (HTTP 403, XML)"
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 *
 * <p>{@link #errorCode()} is {@code INVALID_RESPONSE}; {@link #contentKind()} names what came
 * back ({@code XML}, {@code HTML}, {@code text}, {@code JSON}, {@code empty}).
 */
public class ClickPipesUnexpectedResponseException extends ClickPipesServiceException {

    private static final long serialVersionUID = 1L;

    /** The {@link #errorCode()} of every unexpected response. */
    public static final String ERROR_CODE = "INVALID_RESPONSE";

    private final String contentKind;

    /**
     * @param contentKind what the body was, e.g. {@code "XML"}
     */
    public ClickPipesUnexpectedResponseException(Details details, String contentKind) {
        super(details);
        this.contentKind = contentKind;
    }

    /** What the body was: {@code XML}, {@code HTML}, {@code text}, {@code JSON} or {@code empty}. */
    public String contentKind() {
        return contentKind;
    }

    /** Never: another server will not start answering like the API. */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
