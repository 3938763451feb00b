/** cpcheck core. */
package dev.cpcheck.core;
