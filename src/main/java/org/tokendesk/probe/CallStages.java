package org.tokendesk.probe;

import java.net.InetSocketAddress;
import java.net.Proxy;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;

/** How far one attempt got, so that a timeout can say where it happened. */
final class CallStages extends EventListener {
    volatile boolean tcpConnected;
    volatile boolean secured;
    volatile boolean connected;
    volatile boolean answered;

    ProbeOutcome.Stage stage() {
        if (!tcpConnected) {
            return ProbeOutcome.Stage.CONNECT;
        }
        return connected ? ProbeOutcome.Stage.ANSWER : ProbeOutcome.Stage.HANDSHAKE;
    }

    @Override
    public void secureConnectStart(Call call) {
        tcpConnected = true;
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        secured = true;
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        tcpConnected = true;
        connected = true;
    }

    @Override
    public void responseHeadersStart(Call call) {
        answered = true;
    }
}
