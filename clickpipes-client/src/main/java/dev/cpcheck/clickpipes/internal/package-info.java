/**
 * Implementation of the ClickPipes client: HTTP transport, retries, rate limiting, error mapping
 * and JSON helpers. Nothing here is public API; it may change in any release.
 */
package dev.cpcheck.clickpipes.internal;
