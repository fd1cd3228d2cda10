package org.tokendesk.doctor;

import java.util.Optional;

import org.tokendesk.chain.SdkFix;
import org.tokendesk.token.TokenProblem;

/** One thing the doctor found in a bot folder. Never holds a whole token: only masks. */
public sealed interface Advice {

    enum Severity {
        /** The bot will fail because of it. */
        PROBLEM,
        /** Worth knowing; the bot may still start. */
        NOTE
    }

    default Severity severity() {
        return Severity.PROBLEM;
    }

    /** The lock file (or, without one, a fresh install) puts {@code grpcJs} beside wechaty-token {@code wechatyToken}: the bot crashes after discovery. */
    record GrpcCrash(String grpcJs, String wechatyToken, String where, PackageManager manager) implements Advice {
    }

    /** No lock file: a fresh install takes the newest @grpc/grpc-js, which crashes with wechaty-token 1.1.x. */
    record GrpcUnpinned(String declaredBy, PackageManager manager) implements Advice {
    }

    enum PackageManager {
        NPM, YARN, PNPM;

        /** The pin of @grpc/grpc-js that works, in this package manager's package.json form. */
        public String pin() {
            String v = Checkup.GOOD_GRPC;
            switch (this) {
                case YARN:
                    return "\"resolutions\": { \"@grpc/grpc-js\": \"" + v + "\" }";
                case PNPM:
                    return "\"pnpm\": { \"overrides\": { \"@grpc/grpc-js\": \"" + v + "\" } }";
                default:
                    return "\"overrides\": { \"@grpc/grpc-js\": \"" + v + "\" }";
            }
        }
    }

    /** Python and Java SDKs ask api.chatie.io whatever {@code WECHATY_PUPPET_SERVICE_AUTHORITY} says. */
    record IgnoresAuthority(SdkFix.Sdk sdk, String declared, boolean authoritySet) implements Advice {
        @Override
        public Severity severity() {
            return authoritySet ? Severity.PROBLEM : Severity.NOTE;
        }
    }

    /**
     * go-wechaty dials plaintext in every release through v0.4.15 (and sends the token as {@code :authority}); the
     * TLS variables have no effect, so the service must serve plaintext.
     */
    record GoPlaintextOnly(String version) implements Advice {
        @Override
        public Severity severity() {
            return Severity.NOTE;
        }
    }

    /**
     * python-wechaty-puppet-service 0.8.10 (the newest) imports {@code telnetlib}, which Python 3.13 removed (PEP 594):
     * the bot stops at import with "No module named 'telnetlib'". {@code runtime}: the version the folder declares.
     */
    record PythonTelnetlib(String declared, Optional<String> runtime, Optional<String> file) implements Advice {
        @Override
        public Severity severity() {
            return runtime.isPresent() ? Severity.PROBLEM : Severity.NOTE;
        }
    }

    record StrayQuotes(String variable, int line) implements Advice {
    }

    record StraySpaces(String variable, int line) implements Advice {
    }

    record Deprecated(String variable, String replacement, int line) implements Advice {
    }

    /** The .env's token cannot be a token at all. */
    record BadToken(String variable, TokenProblem problem) implements Advice {
    }

    /** No token variable in the .env (it may come from elsewhere: the shell, docker). */
    record NoToken() implements Advice {
        @Override
        public Severity severity() {
            return Severity.NOTE;
        }
    }

    /** The bot's token is not one of TokenDesk's; {@code sameProvider} is a listed one with the same prefix (renewed?). */
    record TokenNotInList(String masked, Optional<String> sameProvider) implements Advice {
        @Override
        public Severity severity() {
            return sameProvider.isPresent() ? Severity.PROBLEM : Severity.NOTE;
        }
    }

    /** A puppet for one provider with another provider's token ("token is illegal"). */
    record TokenForAnotherPuppet(String puppet, String tokenPrefix) implements Advice {
    }

    record Unreadable(String file, String why) implements Advice {
        @Override
        public Severity severity() {
            return Severity.NOTE;
        }
    }
}
