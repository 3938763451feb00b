/** Implementation of the emulator module; not API, may change without notice. */
package dev.cpcheck.emulator.internal;
