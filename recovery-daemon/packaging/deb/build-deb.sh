#!/bin/sh
# Builds the Debian package from the distribution tree that the assembly made.
#   build-deb.sh VERSION DIST_DIR PACKAGING_DIR OUT_DIR
# Layout: /usr/share/recoverymanager/{bin,lib} with /usr/bin/recoverymanager linking to the
# launcher, the unit in /usr/lib/systemd/system, the config in /etc/recoverymanager (a conffile),
# an empty units directory, an empty vendor units directory /usr/lib/recoverymanager/units (for
# units shipped by images and other packages; /etc/recoverymanager/units overrides them by name),
# examples and notices under /usr/share/doc/recoverymanager, the man page and the bash and zsh
# completions.
# Runs during `mvn package`; needs only dpkg-deb (present on every Debian system).
set -eu

version="$1"
dist="$2"
packaging="$3"
out="$4"

if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "build-deb: dpkg-deb not found: no Debian package built" >&2
    exit 0
fi

# Debian sorts '~' before anything, so 0.1.0~SNAPSHOT comes before the 0.1.0 release.
deb_version="$(printf '%s' "$version" | sed 's/-SNAPSHOT$/~SNAPSHOT/')"
root="$out/deb-root"
rm -rf "$root"
share="$root/usr/share/recoverymanager"
doc="$root/usr/share/doc/recoverymanager"
mkdir -p "$share/bin" "$share/lib" "$root/usr/bin" "$root/usr/lib/systemd/system" \
    "$root/etc/recoverymanager/units" "$root/usr/lib/recoverymanager/units" "$doc/examples/units" \
    "$root/DEBIAN"

cp "$dist/bin/recoverymanager" "$share/bin/recoverymanager"
cp "$dist"/lib/*.jar "$share/lib/"
if [ -d "$dist/lib/native" ]; then
    cp -R "$dist/lib/native" "$share/lib/native"
fi
ln -s ../share/recoverymanager/bin/recoverymanager "$root/usr/bin/recoverymanager"
# The tarball's unit, with the package's paths and without its leading install note.
{
    echo "# systemd unit of the recoverymanager daemon, installed by the Debian package."
    awk 'started || !/^#/ { started = 1; print }' "$dist/etc/systemd/recoverymanager.service" |
        sed 's|/opt/recoverymanager/bin/recoverymanager|/usr/bin/recoverymanager|g; s|file:/opt/recoverymanager/README.md|file:/usr/share/doc/recoverymanager/README.md|'
} > "$root/usr/lib/systemd/system/recoverymanager.service"
# The man page and the shell completions generated from the command definitions.
mkdir -p "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" \
    "$root/usr/share/zsh/vendor-completions"
gzip -9n < "$dist/share/man/man1/recoverymanager.1" > "$root/usr/share/man/man1/recoverymanager.1.gz"
cp "$dist/share/bash-completion/completions/recoverymanager.bash" \
    "$root/usr/share/bash-completion/completions/recoverymanager"
cp "$dist/share/zsh/vendor-completions/_recoverymanager" "$root/usr/share/zsh/vendor-completions/_recoverymanager"
cp "$dist/etc/recoverymanager.toml" "$root/etc/recoverymanager/recoverymanager.toml"
cp "$dist/etc/recoverymanager.toml" "$doc/examples/recoverymanager.toml"
cp "$dist"/share/examples/units/*.toml "$doc/examples/units/"
for f in README.md LICENSE NOTICE THIRD-PARTY.txt CHANGELOG.md; do
    [ -f "$dist/$f" ] && cp "$dist/$f" "$doc/$f"
done
cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: recoverymanager

Files: *
Copyright: 2026 The RecoveryManager authors
License: Apache-2.0
 On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0.
 The bundled third-party jars and their licences are listed in
 /usr/share/doc/recoverymanager/THIRD-PARTY.txt.
COPYRIGHT

find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$share/bin/recoverymanager"

size_kb="$(du -sk "$root" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@SIZE@/$size_kb/" "$packaging/control" > "$root/DEBIAN/control"
cp "$packaging/conffiles" "$root/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    cp "$packaging/$script" "$root/DEBIAN/$script"
    chmod 0755 "$root/DEBIAN/$script"
done

dpkg-deb --root-owner-group -Zxz --build "$root" "$out/recoverymanager_${deb_version}_all.deb" >/dev/null
echo "build-deb: $out/recoverymanager_${deb_version}_all.deb"
