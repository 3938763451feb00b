/** JSON settings shared by every file cpcheck writes (history, manifest, results). */
package dev.cpcheck.core.json;
