/*
 * cli_doc.c — what a person reads about a command, printed from its struct cli_command: the
 * --help text, the man page (roff, man(7) macros) and the bash completion. One source for all
 * three, so none of them can say something the parser does not do (cli_spec.h).
 */
#include "cli/cli_spec.h"

#include <string.h>

#define HELP_WIDTH 79
#define OPTION_COLUMN 24

/* Writes text word by word, wrapping at HELP_WIDTH; continuation lines start at column indent. */
static void wrap(FILE *out, const char *text, size_t indent, size_t column)
{
    const char *p = text;
    while (*p != '\0') {
        while (*p == ' ') {
            p++;
        }
        size_t word = strcspn(p, " ");
        if (word == 0) {
            break;
        }
        if (column > indent && column + 1 + word > HELP_WIDTH) {
            fprintf(out, "\n%*s", (int)indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', out);
            column++;
        }
        fwrite(p, 1, word, out);
        column += word;
        p += word;
    }
    fputc('\n', out);
}

/* Each "\n\n"-separated paragraph of text, wrapped, with a blank line between them. */
static void paragraphs(FILE *out, const char *text, size_t indent)
{
    char para[1024];
    const char *p = text;
    while (*p != '\0') {
        const char *end = strstr(p, "\n\n");
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        if (n >= sizeof(para)) {
            n = sizeof(para) - 1;
        }
        memcpy(para, p, n);
        para[n] = '\0';
        for (char *c = para; *c != '\0'; c++) {
            *c = *c == '\n' ? ' ' : *c;
        }
        fprintf(out, "%*s", (int)indent, "");
        wrap(out, para, indent, indent);
        p = end != NULL ? end + 2 : p + n;
        if (*p != '\0') {
            fputc('\n', out);
        }
    }
}

static void choices_text(const struct cli_option *o, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (o->choices == NULL) {
        return;
    }
    size_t used = (size_t)snprintf(buf, cap, " One of:");
    for (const char *const *c = o->choices; *c != NULL && used < cap; c++) {
        used += (size_t)snprintf(buf + used, cap - used, " %s%s", *c, c[1] != NULL ? "," : ".");
    }
}

void cli_print_usage_line(const struct cli_command *cmd, FILE *out)
{
    fprintf(out, "usage: tls13 %s [OPTIONS] %s\n", cmd->name, cmd->operands);
}

void cli_print_help(const struct cli_command *cmd, FILE *out)
{
    cli_print_usage_line(cmd, out);
    fputc('\n', out);
    paragraphs(out, cmd->description, 0);
    fputs("\noptions:\n", out);
    for (const struct cli_option *o = cmd->options; o->name != NULL; o++) {
        char head[64];
        char choices[160];
        int n = snprintf(head, sizeof(head), "  %c%c%s--%s%s%s", o->short_name ? '-' : ' ',
                         o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ", o->name,
                         o->value ? " " : "", o->value ? o->value : "");
        fputs(head, out);
        size_t column = (size_t)n;
        if (column + 2 > OPTION_COLUMN) {
            fputc('\n', out);
            column = 0;
        }
        fprintf(out, "%*s", (int)(OPTION_COLUMN - column), "");
        choices_text(o, choices, sizeof(choices));
        char help[640];
        snprintf(help, sizeof(help), "%s%s", o->help, choices);
        wrap(out, help, OPTION_COLUMN, OPTION_COLUMN);
    }
    fputs("\nexit status:\n", out);
    for (const struct cli_exit_status *e = cmd->exits; e->status >= 0; e++) {
        fprintf(out, "  %d  ", e->status);
        wrap(out, e->meaning, 5, 5);
    }
    if (cmd->examples != NULL) {
        fputs("\nexamples:\n", out);
        paragraphs(out, cmd->examples, 2);
    }
}

void cli_print_program_help(FILE *out)
{
    fputs("usage: tls13 COMMAND [OPTIONS] ARGS\n"
          "       tls13 help [COMMAND]\n"
          "       tls13 --version\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        const struct cli_command *c = tls13_commands[i];
        char head[64];
        int n = snprintf(head, sizeof(head), "  %s %s", c->name, c->operands);
        fprintf(out, "%s%*s%s\n", head, n < OPTION_COLUMN ? OPTION_COLUMN - n : 1, "", c->summary);
    }
    fputs("\nRun 'tls13 help COMMAND' (or 'tls13 COMMAND --help') for a command's options and\n"
          "exit statuses; 'man tls13-COMMAND' has the same text.\n",
          out);
}

/* roff: a backslash is written \e, a leading '.' or '\'' is protected with \&, '-' is \-. */
static void roff_text(FILE *out, const char *s)
{
    bool line_start = true;
    for (const char *p = s; *p != '\0'; p++) {
        if (line_start && (*p == '.' || *p == '\'')) {
            fputs("\\&", out);
        }
        if (*p == '\\') {
            fputs("\\e", out);
        } else if (*p == '-') {
            fputs("\\-", out);
        } else if (*p == '\n') {
            fputc(' ', out); /* paragraphs are split by the caller */
        } else {
            fputc(*p, out);
        }
        line_start = false;
    }
}

static void roff_paragraphs(FILE *out, const char *text)
{
    const char *p = text;
    while (*p != '\0') {
        const char *end = strstr(p, "\n\n");
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        char para[1024];
        if (n >= sizeof(para)) {
            n = sizeof(para) - 1;
        }
        memcpy(para, p, n);
        para[n] = '\0';
        fputs(".PP\n", out);
        roff_text(out, para);
        fputc('\n', out);
        p = end != NULL ? end + 2 : p + n;
    }
}

static void man_header(FILE *out, const char *title, const char *name, const char *summary)
{
    fprintf(out, ".TH %s 1 \"\" \"%s\" \"User Commands\"\n.SH NAME\n", title, tls13_version());
    roff_text(out, name);
    fputs(" \\- ", out);
    roff_text(out, summary);
    fputc('\n', out);
}

void cli_print_man(const struct cli_command *cmd, FILE *out)
{
    char title[64];
    char name[64];
    snprintf(name, sizeof(name), "tls13-%s", cmd->name);
    size_t i = 0;
    for (; name[i] != '\0' && i + 1 < sizeof(title); i++) {
        title[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 'a' + 'A' : name[i]);
    }
    title[i] = '\0';
    man_header(out, title, name, cmd->summary);
    fprintf(out, ".SH SYNOPSIS\n.B tls13 %s\n[\\fIOPTIONS\\fR] \\fI", cmd->name);
    roff_text(out, cmd->operands);
    fputs("\\fR\n.SH DESCRIPTION\n", out);
    roff_paragraphs(out, cmd->description);
    fputs(".SH OPTIONS\n", out);
    for (const struct cli_option *o = cmd->options; o->name != NULL; o++) {
        char choices[160];
        choices_text(o, choices, sizeof(choices));
        fputs(".TP\n", out);
        if (o->short_name != 0) {
            fprintf(out, "\\fB\\-%c\\fR, ", o->short_name);
        }
        fputs("\\fB\\-\\-", out);
        roff_text(out, o->name);
        fputs("\\fR", out);
        if (o->value != NULL) {
            fprintf(out, " \\fI%s\\fR", o->value);
        }
        fputc('\n', out);
        roff_text(out, o->help);
        roff_text(out, choices);
        fputc('\n', out);
    }
    fputs(".SH EXIT STATUS\n", out);
    for (const struct cli_exit_status *e = cmd->exits; e->status >= 0; e++) {
        fprintf(out, ".TP\n.B %d\n", e->status);
        roff_text(out, e->meaning);
        fputc('\n', out);
    }
    if (cmd->examples != NULL) {
        fputs(".SH EXAMPLES\n", out);
        roff_paragraphs(out, cmd->examples);
    }
    fputs(".SH SEE ALSO\n.BR tls13 (1)\n", out);
}

void cli_print_program_man(FILE *out)
{
    man_header(out, "TLS13", "tls13", "a TLS 1.3 client written to be read, and a decoder of captured handshakes");
    fputs(".SH SYNOPSIS\n.B tls13\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] \\fIARGS\\fR\n.br\n"
          ".B tls13 help\n[\\fICOMMAND\\fR]\n.br\n.B tls13 \\-\\-version\n"
          ".SH DESCRIPTION\n.PP\n"
          "A from\\-scratch TLS 1.3 client (RFC 8446) that explains every record, message and "
          "secret of a real handshake, a decoder that says what every byte of a capture or of "
          "Schannel's tokens is, and a checker of key schedules against RFC 8448\\-format "
          "traces.\n.SH COMMANDS\n",
          out);
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        const struct cli_command *c = tls13_commands[i];
        fprintf(out, ".TP\n.BR tls13\\-%s (1)\n", c->name);
        roff_text(out, c->summary);
        fputc('\n', out);
    }
    fputs(".SH SEE ALSO\n", out);
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        fprintf(out, ".BR tls13\\-%s (1)%s\n", tls13_commands[i]->name,
                tls13_commands[i + 1] != NULL ? "," : "");
    }
}

/* bash: complete commands, then each command's options, their fixed choices, and file names. */
void cli_print_completion(FILE *out)
{
    fputs("# bash completion for tls13 (generated from the program's own option tables)\n"
          "_tls13() {\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} opts\n"
          "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
          "        COMPREPLY=($(compgen -W \"help --help --version",
          out);
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        fprintf(out, " %s", tls13_commands[i]->name);
    }
    fputs("\" -- \"$cur\"))\n        return\n    fi\n    case \"${COMP_WORDS[1]}\" in\n", out);
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        const struct cli_command *c = tls13_commands[i];
        fprintf(out, "    %s)\n        case \"$prev\" in\n", c->name);
        for (const struct cli_option *o = c->options; o->name != NULL; o++) {
            if (o->value == NULL) {
                continue;
            }
            fprintf(out, "        --%s) ", o->name);
            if (o->choices != NULL) {
                fputs("COMPREPLY=($(compgen -W \"", out);
                for (const char *const *ch = o->choices; *ch != NULL; ch++) {
                    fprintf(out, "%s%s", ch == o->choices ? "" : " ", *ch);
                }
                fputs("\" -- \"$cur\")); return ;;\n", out);
            } else if (strcmp(o->value, "FILE") == 0) {
                fputs("COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", out);
            } else {
                fputs("return ;;\n", out);
            }
        }
        fputs("        esac\n        opts=\"", out);
        for (const struct cli_option *o = c->options; o->name != NULL; o++) {
            fprintf(out, "%s--%s", o == c->options ? "" : " ", o->name);
        }
        fputs("\" ;;\n", out);
    }
    fputs("    help) COMPREPLY=($(compgen -W \"", out);
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        fprintf(out, "%s%s", i == 0 ? "" : " ", tls13_commands[i]->name);
    }
    fputs("\" -- \"$cur\")); return ;;\n"
          "    *) return ;;\n"
          "    esac\n"
          "    if [[ $cur == -* ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
          "    else\n"
          "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
          "    fi\n"
          "}\n"
          "complete -F _tls13 tls13\n",
          out);
}
