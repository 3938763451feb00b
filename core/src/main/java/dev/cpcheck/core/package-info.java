/**
 * cpcheck core: the scenario model, the runner that drives a ClickPipe through pauses and
 * resumes while recording a {@link dev.cpcheck.core.history.HistoryWriter history}, the SPI that
 * other modules implement, the configuration model and the result model (check results,
 * verdicts, exit codes).
 *
 * <p>Core knows nothing of AWS, HTTP or ClickHouse clients: the runner talks to the world through
 * the ports in {@link dev.cpcheck.core.spi}, which other modules implement.
 */
package dev.cpcheck.core;
