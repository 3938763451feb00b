/** cpcheck junit5. */
package dev.cpcheck.junit5;
