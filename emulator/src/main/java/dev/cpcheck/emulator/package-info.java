/** cpcheck emulator. */
package dev.cpcheck.emulator;
