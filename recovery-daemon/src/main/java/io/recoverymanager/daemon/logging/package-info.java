/**
 * Log output: slf4j over java.util.logging, written to stderr either for the journal ({@code <N>}
 * priority prefixes, no timestamps, see sd-daemon(3)) when {@code JOURNAL_STREAM} is set, or for
 * humans (timestamps, level names) otherwise.
 */
package io.recoverymanager.daemon.logging;
