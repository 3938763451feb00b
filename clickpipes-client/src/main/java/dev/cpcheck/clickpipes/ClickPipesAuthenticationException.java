package dev.cpcheck.clickpipes;

/**
 * 401 or 403 from the API: the API key is wrong, revoked, or lacks permission for this organization
 * or service. Check the key ID and secret and the key's role in the ClickHouse Cloud console.
 *
 * <p>A 401 or 403 whose body is not the API's JSON (for example an S3 server's XML) is not this
 * exception but a {@link ClickPipesUnexpectedResponseException}: the URL points elsewhere.
 */
public class ClickPipesAuthenticationException extends ClickPipesServiceException {

    private static final long serialVersionUID = 2L;

    public ClickPipesAuthenticationException(Details details) {
        super(details);
    }
}
