package org.tokendesk.ui.ownregistry;

import java.util.ArrayList;
import java.util.List;

import org.tokendesk.i18n.Text;

/** The registry's state in one line (the status bar, the view's head), and the lines that point clients at it. */
final class OwnRegistryWords {
    private OwnRegistryWords() {
    }

    static String line(RegistrySwitch.State state, int online) {
        if (state instanceof RegistrySwitch.State.Running r) {
            return Text.get("ownRegistry.status.running", r.authority(), online);
        }
        if (state instanceof RegistrySwitch.State.Starting s) {
            return Text.get("ownRegistry.status.starting", s.wanted().port());
        }
        if (state instanceof RegistrySwitch.State.Failed f) {
            return Text.get("ownRegistry.status.failed", f.message());
        }
        return Text.get("ownRegistry.status.off");
    }

    /** Who sets what: {who, line}. The CA lines only when the registry made its own certificate. */
    static List<String[]> linesToCopy(RegistrySwitch.State.Running running) {
        String authority = running.authority();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {Text.get("ownRegistry.lines.bots"), "WECHATY_PUPPET_SERVICE_AUTHORITY=" + authority});
        lines.add(new String[] {Text.get("ownRegistry.lines.services"), "WECHATY_APIHOST=" + authority});
        running.caFile().ifPresent(ca -> {
            lines.add(new String[] {Text.get("ownRegistry.lines.node"), "NODE_EXTRA_CA_CERTS=" + ca});
            lines.add(new String[] {Text.get("ownRegistry.lines.pythonGo"), "SSL_CERT_FILE=" + ca});
            lines.add(new String[] {Text.get("ownRegistry.lines.curl"),
                    "curl --cacert " + ca + " https://" + authority + "/v0/hosties/<token>"});
        });
        return lines;
    }
}
