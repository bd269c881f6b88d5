/*
 * cli_spec.c — the command-line parser shared by every tls13 command (GNU getopt_long
 * conventions; see cli_spec.h), and the list of commands.
 */
#include "cli/cli_spec.h"

#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

#ifndef TLS13_VERSION
#define TLS13_VERSION "unknown"
#endif

const char *tls13_version(void)
{
    return "tls13 " TLS13_VERSION;
}

const struct cli_command *const tls13_commands[] = {
    &tls13_connect_command,
    &tls13_decode_command,
    &tls13_compare_command,
    &tls13_vectors_command,
    &tls13_variant_command,
    NULL,
};

const struct cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        if (strcmp(tls13_commands[i]->name, name) == 0) {
            return tls13_commands[i];
        }
    }
    return NULL;
}

static int usage_error(char *err, size_t cap, const char *fmt, const char *a, const char *b)
{
    snprintf(err, cap, fmt, a, b);
    return CLI_EXIT_USAGE;
}

static const struct cli_option *find_long(const struct cli_command *cmd, const char *name,
                                          size_t len)
{
    for (const struct cli_option *o = cmd->options; o->name != NULL; o++) {
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) {
            return o;
        }
    }
    return NULL;
}

static const struct cli_option *find_short(const struct cli_command *cmd, char c)
{
    for (const struct cli_option *o = cmd->options; o->name != NULL; o++) {
        if (o->short_name != 0 && o->short_name == c) {
            return o;
        }
    }
    return NULL;
}

/* A value outside an option's fixed choices: name the option and every allowed value. */
static int check_choice(const struct cli_option *opt, const char *value, char *err, size_t cap)
{
    if (opt->choices == NULL) {
        return 0;
    }
    char allowed[160] = "";
    for (const char *const *c = opt->choices; *c != NULL; c++) {
        if (strcmp(*c, value) == 0) {
            return 0;
        }
        size_t used = strlen(allowed);
        snprintf(allowed + used, sizeof(allowed) - used, "%s%s", used > 0 ? ", " : "", *c);
    }
    snprintf(err, cap, "--%s: '%s' is not one of: %s", opt->name, value, allowed);
    return CLI_EXIT_USAGE;
}

/* One option with its value (NULL for a flag): the common ones here, the rest to fn. */
static int take_option(const struct cli_option *opt, const char *value, cli_option_fn fn,
                       void *ctx, struct cli_args *args, char *err, size_t cap)
{
    if (opt->value != NULL && value[0] == '\0') {
        return usage_error(err, cap, "--%s: empty value%s", opt->name, "");
    }
    if (opt->value != NULL && check_choice(opt, value, err, cap) != 0) {
        return CLI_EXIT_USAGE;
    }
    if (opt->id == CLI_OPT_HELP) {
        args->help = true;
        return 0;
    }
    if (opt->id == CLI_OPT_VERSION) {
        args->version = true;
        return 0;
    }
    return fn(ctx, opt, value, err, cap);
}

/* "--name", "--name=value" or "--name value" at argv[*i]; *i moves past a separate value. */
static int parse_long(const struct cli_command *cmd, int argc, char **argv, int *i,
                      cli_option_fn fn, void *ctx, struct cli_args *args, char *err, size_t cap)
{
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
    const struct cli_option *opt = find_long(cmd, name, len);
    if (opt == NULL) {
        return usage_error(err, cap, "unknown option '%s'%s", argv[*i], "");
    }
    if (opt->value == NULL) {
        if (eq != NULL) {
            return usage_error(err, cap, "--%s takes no value%s", opt->name, "");
        }
        return take_option(opt, NULL, fn, ctx, args, err, cap);
    }
    if (eq != NULL) {
        return take_option(opt, eq + 1, fn, ctx, args, err, cap);
    }
    if (*i + 1 >= argc) {
        return usage_error(err, cap, "--%s needs a value (%s)", opt->name, opt->value);
    }
    *i += 1;
    return take_option(opt, argv[*i], fn, ctx, args, err, cap);
}

/* "-x", "-xVALUE" or "-x VALUE" at argv[*i]; flags may be grouped ("-hq"). */
static int parse_short(const struct cli_command *cmd, int argc, char **argv, int *i,
                       cli_option_fn fn, void *ctx, struct cli_args *args, char *err, size_t cap)
{
    for (const char *p = argv[*i] + 1; *p != '\0'; p++) {
        char name[3] = {'-', *p, '\0'};
        const struct cli_option *opt = find_short(cmd, *p);
        if (opt == NULL) {
            return usage_error(err, cap, "unknown option '%s'%s", name, "");
        }
        if (opt->value == NULL) {
            int rc = take_option(opt, NULL, fn, ctx, args, err, cap);
            if (rc != 0) {
                return rc;
            }
            continue;
        }
        if (p[1] != '\0') {
            return take_option(opt, p + 1, fn, ctx, args, err, cap);
        }
        if (*i + 1 >= argc) {
            return usage_error(err, cap, "%s needs a value (%s)", name, opt->value);
        }
        *i += 1;
        return take_option(opt, argv[*i], fn, ctx, args, err, cap);
    }
    return 0;
}

static int add_operand(struct cli_args *args, const char *arg, char *err, size_t cap)
{
    if (args->operand_count == args->operand_cap) {
        return usage_error(err, cap, "too many arguments at '%s'%s", arg, "");
    }
    args->operands[args->operand_count++] = arg;
    return 0;
}

int cli_parse(const struct cli_command *cmd, int argc, char **argv, cli_option_fn fn, void *ctx,
              struct cli_args *args, char *err, size_t err_cap)
{
    err[0] = '\0';
    args->operand_count = 0;
    args->help = false;
    args->version = false;
    bool options_ended = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int rc = 0;
        if (options_ended || arg[0] != '-' || arg[1] == '\0') {
            rc = add_operand(args, arg, err, err_cap); /* "-" alone is an operand (stdin) */
        } else if (strcmp(arg, "--") == 0) {
            options_ended = true;
        } else if (arg[1] == '-') {
            rc = parse_long(cmd, argc, argv, &i, fn, ctx, args, err, err_cap);
        } else {
            rc = parse_short(cmd, argc, argv, &i, fn, ctx, args, err, err_cap);
        }
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}
