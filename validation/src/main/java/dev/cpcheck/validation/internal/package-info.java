/** Implementation of cpcheck validation; not API. */
package dev.cpcheck.validation.internal;
