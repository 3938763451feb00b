/** cpcheck cli. */
package dev.cpcheck.cli;
