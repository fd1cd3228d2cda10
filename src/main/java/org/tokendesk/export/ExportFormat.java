package org.tokendesk.export;

/** The two ways a token list leaves TokenDesk. */
public enum ExportFormat {
    /** TokenDesk's own schema: every field, read back whole. */
    JSON,
    /** {@code WECHATY_PUPPET_SERVICE_TOKEN=…} lines, each under a {@code # label} comment: what a bot's .env takes. */
    DOTENV
}
