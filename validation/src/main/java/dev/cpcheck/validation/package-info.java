/** cpcheck validation. */
package dev.cpcheck.validation;
