/**
 * Log output: slf4j over java.util.logging, written to stderr either for the journal ({@code <N>}
 * priority prefixes, no timestamps, see sd-daemon(3)) when {@code JOURNAL_STREAM} is set, or for
 * humans (timestamps, level names) otherwise; or to COVESA DLT through libdlt ({@link
 * io.recoverymanager.daemon.logging.DltHandler}), one DLT context per area of the daemon. Engine
 * events are logged by {@link io.recoverymanager.daemon.logging.EventLog} in one format for every
 * target.
 */
package io.recoverymanager.daemon.logging;
