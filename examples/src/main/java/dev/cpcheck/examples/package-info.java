/** cpcheck examples. */
package dev.cpcheck.examples;
