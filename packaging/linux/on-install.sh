# Put the `tokendesk` command on PATH (run by the .deb's postinst and the .rpm's %post).
if [ ! -e /usr/bin/tokendesk ] || [ -L /usr/bin/tokendesk ]; then
    ln -sf /opt/tokendesk/bin/TokenDesk /usr/bin/tokendesk
fi
