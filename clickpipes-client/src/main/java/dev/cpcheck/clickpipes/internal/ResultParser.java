package dev.cpcheck.clickpipes.internal;

/** Reads the result of a successful response as the type the operation returns. */
@FunctionalInterface
public interface ResultParser<T> {

    /**
     * @param request the request, for messages
     * @param result the response
     * @throws dev.cpcheck.clickpipes.ClickPipesUnexpectedResponseException if the result has
     *     another shape
     */
    T parse(ApiRequest request, ApiResult result);
}
