/**
 * The manifest: the ground truth of what was written to the source (every file, its rows and
 * upload outcome), which the checks compare the destination table with.
 */
package dev.cpcheck.core.manifest;
