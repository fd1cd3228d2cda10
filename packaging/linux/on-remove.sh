# Take the `tokendesk` command away on removal, not on upgrade (deb prerm "upgrade", rpm %preun 1).
case "$1" in
    upgrade|1) ;;
    *)
        if [ "$(readlink /usr/bin/tokendesk 2>/dev/null)" = /opt/tokendesk/bin/TokenDesk ]; then
            rm -f /usr/bin/tokendesk
        fi
        ;;
esac
