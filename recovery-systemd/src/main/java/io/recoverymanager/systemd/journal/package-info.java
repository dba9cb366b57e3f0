/**
 * systemd's journal: log records sent to journald through its native protocol ({@code
 * /run/systemd/journal/socket}, one datagram of fields per record, with a {@code MESSAGE_ID} per
 * kind of engine event), and the stderr format of sd-daemon(3) ({@code <N>} priority prefixes) for
 * a process whose stderr the journal reads. The daemon chooses and installs the target.
 */
package io.recoverymanager.systemd.journal;
