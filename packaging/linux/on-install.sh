# Stands for jpackage's desktop-menu line in the .deb's postinst and the .rpm's %post.
# The menu entry is best effort: xdg-desktop-menu fails on systems without menu folders (servers,
# containers), and the package, whose CLI is useful there too, must still install.
{
DESKTOP_COMMANDS_INSTALL
} || echo "TokenDesk: no desktop menu entry added (xdg-desktop-menu failed)" >&2
# The `tokendesk` command on PATH.
if [ ! -e /usr/bin/tokendesk ] || [ -L /usr/bin/tokendesk ]; then
    ln -sf /opt/tokendesk/bin/TokenDesk /usr/bin/tokendesk
fi
