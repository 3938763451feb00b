package dev.cpcheck.clickpipes;

/** 400 that is not a state conflict: the request is invalid; the message says why. */
public class ClickPipesBadRequestException extends ClickPipesServiceException {

    private static final long serialVersionUID = 1L;

    public ClickPipesBadRequestException(
            String message, int statusCode, String requestId, String errorCode, String errorMessage, int attempts) {
        super(message, statusCode, requestId, errorCode, errorMessage, attempts);
    }
}
