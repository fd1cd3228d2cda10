package org.tokendesk.doctor;

import java.util.Optional;

import org.tokendesk.chain.SdkFix;
import org.tokendesk.token.TokenProblem;

/** One thing the doctor found in a bot folder. Never holds a whole token: only masks. */
public sealed interface Advice {
    /** The @grpc/grpc-js the fix pins: the newest that works with wechaty-token 1.1.2 (how it was found: {@code Checkup}). */
    String GOOD_GRPC_JS = "1.9.15";

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
        NPM, YARN, PNPM
    }

    /** Python and Java SDKs ask api.chatie.io whatever {@code WECHATY_PUPPET_SERVICE_AUTHORITY} says. */
    record IgnoresAuthority(SdkFix.Sdk sdk, String declared, boolean authoritySet) implements Advice {
        @Override
        public Severity severity() {
            return authoritySet ? Severity.PROBLEM : Severity.NOTE;
        }
    }

    /** go-wechaty with an authority set dials without TLS. */
    record GoAuthorityWithoutTls(String version) implements Advice {
        @Override
        public Severity severity() {
            return Severity.NOTE;
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
