package org.tokendesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.tokendesk.i18n.RegistrationWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.registry.AllowList;
import org.tokendesk.registry.ClientAddress;
import org.tokendesk.registry.MemoryDirectory;
import org.tokendesk.registry.RegistryOptions;
import org.tokendesk.registry.RegistryServer;
import org.tokendesk.i18n.RegistryWords;
import org.tokendesk.registry.tls.MachineCertificate;
import org.tokendesk.registry.tls.MachineNames;
import org.tokendesk.store.AppHome;

/**
 * {@code tokendesk registry [--listen ADDR:PORT] [--plain] [--cert PEM --key PEM] [--allow FILE]}:
 * runs TokenDesk's own registry until SIGINT/SIGTERM, printing one line when it listens and then
 * every state change with tokens masked. {@code --print-ca} prints the CA clients must trust.
 */
@Command(name = "registry", sortOptions = false)
public final class RegistryCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "ADDR:PORT", descriptionKey = "cli.registry.option.listen")
    String listen = "127.0.0.1:" + RegistryOptions.DEFAULT_PORT;

    @Option(names = "--plain", descriptionKey = "cli.registry.option.plain")
    boolean plain;

    @Option(names = "--cert", paramLabel = "PEM", descriptionKey = "cli.registry.option.cert")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", descriptionKey = "cli.registry.option.key")
    Path key;

    @Option(names = "--allow", paramLabel = "FILE", descriptionKey = "cli.registry.option.allow")
    Path allow;

    @Option(names = "--trust-proxy", paramLabel = "ADDR", descriptionKey = "cli.registry.option.trustProxy")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--status-open", descriptionKey = "cli.registry.option.statusOpen")
    boolean statusOpen;

    @Option(names = "--print-ca", descriptionKey = "cli.registry.option.printCa")
    boolean printCa;

    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "cli.help")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext context;

    RegistryCommand(CliContext context) {
        this.context = context;
    }

    static void register(CommandLine parent, CliContext context) {
        CommandLine command = new CommandLine(new RegistryCommand(context));
        command.setResourceBundle(Text.bundle());
        command.getCommandSpec().usageMessage().description(Text.get("cli.registry.description"));
        parent.addSubcommand("registry", command);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path tlsFolder = AppHome.resolve(context.env()).config().resolve("registry");
        if (printCa) {
            try {
                out.print(new MachineCertificate(tlsFolder, Clock.systemUTC()).caPem(MachineNames.ofThisMachine()));
                out.flush();
                return Cli.OK;
            } catch (IOException e) {
                err.println(Text.get("cli.registry.cannotStart", e.getMessage()));
                return Cli.ERROR;
            }
        }
        Optional<InetSocketAddress> address = address(listen);
        if (address.isEmpty()) {
            err.println(Text.get("cli.registry.badListen", listen));
            return Cli.ERROR;
        }
        if ((cert == null) != (key == null)) {
            err.println(Text.get("cli.registry.certAndKey"));
            return Cli.ERROR;
        }
        AllowList allowList = AllowList.EVERYONE;
        if (allow != null) {
            try {
                AllowList.Read read = AllowList.read(allow);
                if (read instanceof AllowList.Read.Bad bad) {
                    AllowList.Problem first = bad.problems().get(0);
                    err.println(Text.get("cli.registry.badAllow", allow, first.line(), Words.of(first.problem())));
                    return Cli.ERROR;
                }
                allowList = ((AllowList.Read.Loaded) read).list();
            } catch (IOException e) {
                err.println(Text.get("cli.registry.cannotRead", allow, e.getMessage()));
                return Cli.ERROR;
            }
        }
        RegistryOptions options = RegistryOptions.defaults(tlsFolder).listenOn(address.get()).plainOnly(plain)
                .withCertificate(cert == null ? Optional.empty() : Optional.of(new RegistryOptions.CertificateFiles(cert, key)))
                .withAllow(allowList).withClientAddress(new ClientAddress(Set.copyOf(trustedProxies))).withStatusOpen(statusOpen);
        return run(options, out, err);
    }

    private static int run(RegistryOptions options, PrintWriter out, PrintWriter err) {
        CountDownLatch stop = new CountDownLatch(1);
        RegistryServer registry;
        try {
            registry = RegistryServer.start(options, new MemoryDirectory(), event -> say(out, RegistryWords.of(event)));
        } catch (IOException e) {
            err.println(Text.get("cli.registry.cannotStart", e.getMessage()));
            return Cli.ERROR;
        }
        SignalStop signal = new SignalStop("registry-shutdown", stop, Duration.ofSeconds(10), true);
        String where = options.listen().getHostString() + ":" + registry.port();
        String scheme = !registry.tls() ? Text.get("cli.registry.scheme.plain")
                : options.certificate().isPresent() ? Text.get("cli.registry.scheme.both.own")
                : Text.get("cli.registry.scheme.both", options.tlsFolder().resolve(MachineCertificate.CA_FILE));
        say(out, Text.get("cli.registry.listening", where, scheme));
        if (!loopback(options.listen()) && !options.allow().active()) {
            err.println(Text.get("cli.registry.open.warning", where));
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                registry.close();
                say(out, Text.get("cli.registry.stopped"));
            } finally {
                signal.closed();
            }
        }
        return Cli.OK;
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(RegistrationWords.time(Instant.now()) + "  " + line);
            out.flush();
        }
    }

    private static boolean loopback(InetSocketAddress address) {
        return address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    /** {@code host:port}, {@code [v6]:port} or {@code :port}; only IP literals and localhost, so no name is looked up. */
    static Optional<InetSocketAddress> address(String text) {
        int cut = text.lastIndexOf(':');
        if (cut < 0) {
            return Optional.empty();
        }
        String host = text.substring(0, cut).strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        if (host.equalsIgnoreCase("localhost")) {
            host = "127.0.0.1";
        }
        if (!host.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(cut + 1).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
