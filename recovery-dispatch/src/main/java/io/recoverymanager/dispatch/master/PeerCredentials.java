package io.recoverymanager.dispatch.master;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Checks a connected peer's kernel credentials ({@code SO_PEERCRED}) against the allowed uids.
 *
 * <p>JDK 17 gives the peer's user as a {@link UserPrincipal} without a public uid accessor. The JDK's
 * Unix principals compare by numeric id, and looking up a purely numeric name that is no user name
 * yields the principal of that uid; so each allowed uid is turned into a principal once and the
 * peer's principal is compared with them. (A system with a user literally named like a number, say
 * {@code 1000}, would map that number to that user instead: do not name users with digits only.)
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class PeerCredentials {
    private final Map<UserPrincipal, Integer> allowed = new LinkedHashMap<>();
    private final Set<Integer> allowedUids;

    public PeerCredentials(Set<Integer> allowedUids) throws IOException {
        this.allowedUids = Set.copyOf(allowedUids);
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        for (int uid : allowedUids) {
            if (uid < 0) {
                throw new IllegalArgumentException("allowed-uids: " + uid + " is not a uid");
            }
            allowed.put(lookup.lookupPrincipalByName(Integer.toString(uid)), uid);
        }
    }

    /** The peer's user, or empty with the reason in {@code why} when it is not allowed. */
    public Verdict check(SocketChannel channel) {
        UnixDomainPrincipal principal;
        try {
            principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            return new Verdict(false, "?", "cannot read peer credentials: " + e, -1);
        }
        String user = principal.user().getName();
        Integer uid = allowed.get(principal.user());
        if (uid == null) {
            return new Verdict(false, user, "user " + user + " is not in allowed-uids " + allowedUids, -1);
        }
        return new Verdict(true, user + " (uid " + uid + ")", "", uid);
    }

    /**
     * The result of a check.
     *
     * @param allowed whether the peer may talk to the master
     * @param user the peer's user, for log lines
     * @param reason why not, when not allowed
     * @param uid the peer's uid when allowed, else -1
     */
    public record Verdict(boolean allowed, String user, String reason, int uid) {
        public Optional<String> refusal() {
            return allowed ? Optional.empty() : Optional.of(reason);
        }
    }
}
