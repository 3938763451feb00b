package dev.cpcheck.clickpipes;

/** 404 on a ClickPipe: no pipe with that ID in this service (deleted, or wrong service). */
public class ClickPipeNotFoundException extends ClickPipesServiceException {

    private static final long serialVersionUID = 1L;

    public ClickPipeNotFoundException(
            String message, int statusCode, String requestId, String errorCode, String errorMessage, int attempts) {
        super(message, statusCode, requestId, errorCode, errorMessage, attempts);
    }
}
