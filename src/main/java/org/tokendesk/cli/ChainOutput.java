package org.tokendesk.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;

import org.tokendesk.chain.Chain;
import org.tokendesk.i18n.ChainWords;
import org.tokendesk.chain.Link;
import org.tokendesk.chain.SdkFix;

/** The chain under a token's line, or as the {@code chain} object of its JSON result. Tokens only masked. */
final class ChainOutput {
    private ChainOutput() {
    }

    static List<String> lines(Chain chain) {
        List<String> out = new ArrayList<>();
        out.add("    " + ChainWords.verdict(chain));
        ChainWords.lines(chain).forEach(line -> out.add("      " + line));
        return out;
    }

    static void json(JsonGenerator g, Chain chain) throws IOException {
        g.writeObjectFieldStart("chain");
        g.writeStringField("firstFailure", chain.firstFailure().map(l -> key(l.step())).orElse(null));
        g.writeBooleanField("tokenAccepted", chain.tokenAccepted());
        g.writeStringField("message", ChainWords.verdict(chain));
        g.writeArrayFieldStart("links");
        for (Link link : chain.links()) {
            g.writeStartObject();
            g.writeStringField("step", key(link.step()));
            g.writeStringField("state", link.state().name().toLowerCase(Locale.ROOT));
            g.writeStringField("message", ChainWords.of(link));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("fixes");
        for (SdkFix fix : chain.fixes()) {
            g.writeStartObject();
            g.writeStringField("sdk", fix.sdk().name().toLowerCase(Locale.ROOT));
            g.writeBooleanField("verified", fix.verified());
            if (fix.onService().isPresent()) {
                g.writeStringField("on_service", fix.onService().get().line());
            }
            g.writeArrayFieldStart("set");
            for (SdkFix.Setting setting : fix.settings()) {
                g.writeString(setting.line());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String key(Link.Step step) {
        return step.name().toLowerCase(Locale.ROOT);
    }
}
