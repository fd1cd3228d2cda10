# Stands for jpackage's desktop-menu line in the .deb's postinst and the .rpm's %post.
# The menu entry is best effort: xdg-desktop-menu fails on systems without menu folders (servers,
# containers), and the package, whose CLI is useful there too, must still install.
{
DESKTOP_COMMANDS_INSTALL
} || echo "TokenDesk: no desktop menu entry added (xdg-desktop-menu failed)" >&2
# The `tokendesk` command on PATH: the launcher script (linux/tokendesk.sh), which starts sooner than bin/TokenDesk.
if [ ! -e /usr/bin/tokendesk ] || [ -L /usr/bin/tokendesk ]; then
    ln -sf /opt/tokendesk/lib/app/tokendesk /usr/bin/tokendesk
fi
# The class-data archive of TokenDesk's own classes (share-classes.sh): a faster start, best effort.
sh /opt/tokendesk/lib/app/share-classes.sh >/dev/null 2>&1 \
    || echo "TokenDesk: no class-data archive written (it only makes start-up faster)" >&2
