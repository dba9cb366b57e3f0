#!/bin/bash
# Runs inside `unshare -m --propagation private [-u]`, started by SystemdSandbox.
# Arguments (whole argv entries, never parsed as shell text): runtime dir, config dir, data dir,
# hostname (empty for none). Replaces itself with the user manager so its PID is systemd's PID.
set -euo pipefail
runtime_dir=$1
config_dir=$2
data_dir=$3
new_hostname=$4

# systemd only behaves as a systemd-managed user manager when /run/systemd/system exists; a
# private tmpfs gives it that directory without touching the host's /run/systemd.
mount -t tmpfs -o mode=0755 tmpfs /run/systemd
mkdir -p /run/systemd/system

if [[ -n "$new_hostname" ]]; then
    hostname "$new_hostname"
fi

# A control group of its own for this manager (SystemdSandbox removes it on close). A user manager
# places its units relative to its own group, so two managers in one group (every sandbox starts
# from the test's group) put same-named units, dbus.service included, into the same group, and
# stopping a unit in one sandbox killed its namesake's processes in every other sandbox.
own_group="recoverymanager-sandbox-$$"
for hierarchy in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do
    if [[ -f "$hierarchy/cgroup.procs" ]]; then
        if ! { mkdir -p "$hierarchy/$own_group/init.scope" \
                && echo $$ > "$hierarchy/$own_group/init.scope/cgroup.procs"; }; then
            echo "start-user-manager: cannot move into $hierarchy/$own_group; units may share groups with other sandboxes" >&2
        fi
    fi
done

export XDG_RUNTIME_DIR="$runtime_dir"
export XDG_CONFIG_HOME="$config_dir"
export XDG_DATA_HOME="$data_dir"
exec /usr/lib/systemd/systemd --user
