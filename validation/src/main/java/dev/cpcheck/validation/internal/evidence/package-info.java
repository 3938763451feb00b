/** Shared evidence of a validation (the ledger query, duplicate keys, timeline), pauses in server time, judgement and guidance. */
package dev.cpcheck.validation.internal.evidence;
