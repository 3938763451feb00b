/** cpcheck engine. */
package dev.cpcheck.engine;
