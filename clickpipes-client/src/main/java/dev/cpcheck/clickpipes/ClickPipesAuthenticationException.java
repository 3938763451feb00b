package dev.cpcheck.clickpipes;

/** 401 or 403: the API key is wrong, revoked, or lacks permission for this organization or service. Check the key ID and secret and the key's role in the ClickHouse Cloud console. */
public class ClickPipesAuthenticationException extends ClickPipesServiceException {

    private static final long serialVersionUID = 1L;

    public ClickPipesAuthenticationException(
            String message, int statusCode, String requestId, String errorCode, String errorMessage, int attempts) {
        super(message, statusCode, requestId, errorCode, errorMessage, attempts);
    }
}
