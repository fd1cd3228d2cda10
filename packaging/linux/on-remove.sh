# Stands for jpackage's desktop-menu line in the .deb's prerm and the .rpm's %preun; best effort,
# so that a system without menu folders can still remove the package.
{
DESKTOP_COMMANDS_UNINSTALL
} || echo "TokenDesk: no desktop menu entry removed (xdg-desktop-menu failed)" >&2
# The `tokendesk` command goes on removal, not on upgrade (deb prerm "upgrade", rpm %preun 1).
case "$1" in
    upgrade|1) ;;
    *)
        if [ "$(readlink /usr/bin/tokendesk 2>/dev/null)" = /opt/tokendesk/bin/TokenDesk ]; then
            rm -f /usr/bin/tokendesk
        fi
        ;;
esac
