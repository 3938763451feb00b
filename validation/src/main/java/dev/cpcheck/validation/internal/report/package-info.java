/** Renderers behind Reports: console, JUnit XML, HTML with an SVG timeline. */
package dev.cpcheck.validation.internal.report;
