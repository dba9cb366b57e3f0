/**
 * The values the engine and its ports exchange: failures, action requests and outcomes, service
 * records, pending actions, meditation, history rows and queries, unit sync reports. Immutable
 * records; the ports themselves live in {@code spi}, the events in {@code event}.
 */
package io.recoverymanager.core.model;
