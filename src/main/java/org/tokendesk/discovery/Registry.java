package org.tokendesk.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import okhttp3.HttpUrl;

import org.tokendesk.net.Hosts;
import org.tokendesk.token.Token;
import org.tokendesk.token.TokenScrubber;
import org.tokendesk.token.TokenSyntax;

/**
 * A token registry (discovery service), known by its base URL: {@code https://api.chatie.io} or a
 * self-hosted {@code http://192.168.1.5:8080}. Paths below it follow the Wechaty protocol.
 */
public record Registry(URI baseUrl) {
    public static final String AUTHORITY_VARIABLE = "WECHATY_PUPPET_SERVICE_AUTHORITY";
    public static final Registry CHATIE = new Registry(URI.create("https://api.chatie.io"));
    public static final Registry JUZIBOT = new Registry(URI.create("https://token-service-discovery-test.juzibot.com"));

    public Registry {
        String scheme = baseUrl.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("registry URL must be http or https: " + baseUrl);
        }
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("registry URL has no host: " + baseUrl);
        }
    }

    /**
     * Reads what a user typed: {@code host}, {@code host:port} (as in
     * {@code WECHATY_PUPPET_SERVICE_AUTHORITY}, meaning https) or a full {@code http(s)://} base URL.
     * Surrounding whitespace is trimmed: a stray space is the classic cause of "Invalid URL".
     */
    public static RegistryParse parse(String input) {
        String text = input == null ? "" : input.strip();
        String shown = shown(text);
        if (text.isEmpty()) {
            return new RegistryParse.Invalid(RegistryParse.Reason.EMPTY, "");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return new RegistryParse.Invalid(RegistryParse.Reason.WHITESPACE_INSIDE, shown);
            }
        }
        String withScheme = text;
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            withScheme = "https://" + text;
        } else {
            String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return new RegistryParse.Invalid(RegistryParse.Reason.SCHEME, scheme);
            }
            withScheme = scheme + text.substring(schemeEnd);
        }
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            return new RegistryParse.Invalid(RegistryParse.Reason.MALFORMED, shown);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new RegistryParse.Invalid(RegistryParse.Reason.NO_HOST, shown);
        }
        if (uri.getRawUserInfo() != null) {
            return new RegistryParse.Invalid(RegistryParse.Reason.USER_INFO, shown);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return new RegistryParse.Invalid(RegistryParse.Reason.QUERY, shown);
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            return new RegistryParse.Invalid(RegistryParse.Reason.PORT, shown);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        // Users paste the lookup URL they tried with curl; keep only the base.
        int hosties = path.indexOf("/v0/");
        if (hosties >= 0) {
            path = path.substring(0, hosties);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String authority = port < 0 ? host : host + ":" + port;
        return new RegistryParse.Valid(new Registry(URI.create(uri.getScheme() + "://" + authority + path)));
    }

    /**
     * The address as a message may echo it: user info, query and fragment (refused anyway) masked,
     * anything token-shaped masked, and a value that can only be a token (no host has an {@code _})
     * masked whole.
     */
    private static String shown(String text) {
        int schemeEnd = text.indexOf("://");
        String rest = schemeEnd < 0 ? text : text.substring(schemeEnd + 3);
        if (!rest.isEmpty() && rest.indexOf('/') < 0 && rest.indexOf('@') < 0 && rest.indexOf('_') >= 0
                && TokenSyntax.check(rest).isEmpty()) {
            return text.substring(0, text.length() - rest.length()) + Token.mask(rest);
        }
        String out = withoutToken(text);
        int cut = indexOfAny(out, "?#");
        if (cut >= 0) {
            out = out.substring(0, cut) + maskValues(out.substring(cut));
        }
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int authorityEnd = indexOfAny(out.substring(authorityStart), "/?#");
        String authority = authorityEnd < 0 ? out.substring(authorityStart) : out.substring(authorityStart, authorityStart + authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 8) {
            out = out.substring(0, authorityStart) + Token.mask(authority.substring(0, at)) + out.substring(authorityStart + at);
        }
        return TokenScrubber.scrubTokenShaped(out);
    }

    /** {@code ?a=1&token=…#…}: values long enough to be a secret are masked, {@code debug=1} stays readable. */
    private static String maskValues(String queryAndFragment) {
        StringBuilder out = new StringBuilder();
        for (String piece : queryAndFragment.split("(?=[?#&])")) {
            int eq = piece.indexOf('=');
            int from = eq >= 0 ? eq + 1 : 1;
            String value = piece.substring(Math.min(from, piece.length()));
            out.append(value.length() >= 8 ? piece.substring(0, from) + Token.mask(value) : piece);
        }
        return out.toString();
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Users paste the lookup URL they tried with curl: an address echoed back in a message must not carry the token. */
    private static String withoutToken(String text) {
        int at = text.indexOf("/v0/hosties/");
        if (at < 0) {
            return text;
        }
        int from = at + "/v0/hosties/".length();
        int to = from;
        while (to < text.length() && "?#".indexOf(text.charAt(to)) < 0) {
            to++;
        }
        return text.substring(0, from) + Token.mask(text.substring(from, to)) + text.substring(to);
    }

    /**
     * The registry the SDKs would ask: {@code WECHATY_PUPPET_SERVICE_AUTHORITY} when set and valid,
     * otherwise api.chatie.io.
     */
    public static Registry fromEnvironment(Map<String, String> env) {
        String authority = env.get(AUTHORITY_VARIABLE);
        if (authority != null && parse(authority) instanceof RegistryParse.Valid valid) {
            return valid.registry();
        }
        return CHATIE;
    }

    public boolean secure() {
        return "https".equals(baseUrl.getScheme());
    }

    /** host[:port], the form {@code WECHATY_PUPPET_SERVICE_AUTHORITY} takes. */
    public String authority() {
        return baseUrl.getRawAuthority();
    }

    public String host() {
        return baseUrl.getHost();
    }

    /** What to show: the authority for https registries at their root, the whole URL otherwise. */
    public String displayName() {
        String path = baseUrl.getRawPath();
        boolean root = path == null || path.isEmpty();
        return TokenScrubber.scrubTokenShaped(secure() && root ? authority() : baseUrl.toString());
    }

    /** {@code <base>/v0/hosties/<token>}, the token percent-encoded as one path segment. */
    public HttpUrl hostiesUrl(Token token) {
        return HttpUrl.get(baseUrl).newBuilder()
                .addPathSegment("v0").addPathSegment("hosties").addPathSegment(token.reveal())
                .build();
    }

    /** The registration WebSocket: wss for https registries, ws for http ones. */
    public URI websocketUrl() {
        return URI.create((secure() ? "wss" : "ws") + "://" + authority() + nonNull(baseUrl.getRawPath()) + "/v0/websocket");
    }

    public boolean isLoopback() {
        return Hosts.isLoopback(host());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    public static Optional<Registry> tryParse(String input) {
        return parse(input) instanceof RegistryParse.Valid v ? Optional.of(v.registry()) : Optional.empty();
    }

    @Override
    public String toString() {
        return baseUrl.toString();
    }
}
