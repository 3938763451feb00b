/** The built-in checks; their ids are public contract (see BuiltInChecks), their classes are not. */
package dev.cpcheck.validation.internal.check;
