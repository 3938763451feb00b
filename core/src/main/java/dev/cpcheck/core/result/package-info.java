/** Check results, verdicts, delivery guarantees, exit codes and the run report. */
package dev.cpcheck.core.result;
