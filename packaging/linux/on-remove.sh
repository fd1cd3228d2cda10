# Stands for jpackage's desktop-menu line in the .deb's prerm and the .rpm's %preun; best effort,
# so that a system without menu folders can still remove the package.
{
DESKTOP_COMMANDS_UNINSTALL
} || echo "TokenDesk: no desktop menu entry removed (xdg-desktop-menu failed)" >&2
# The `tokendesk` command and the class-data archive (written by postinst, not in the package) go
# on removal, not on upgrade (deb prerm "upgrade", rpm %preun 1): the new version's postinst, which
# rpm runs before this, writes its own archive.
case "$1" in
    upgrade|1) ;;
    *)
        case "$(readlink /usr/bin/tokendesk 2>/dev/null)" in
            /opt/tokendesk/lib/app/tokendesk|/opt/tokendesk/bin/TokenDesk) rm -f /usr/bin/tokendesk ;;
        esac
        rm -f /opt/tokendesk/lib/app/tokendesk.jsa
        ;;
esac
