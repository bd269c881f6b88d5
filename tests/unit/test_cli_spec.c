/*
 * test_cli_spec.c — the command-line conventions every tls13 command shares (src/cli/cli_spec.c):
 * options anywhere, --opt=value and --opt value, "--" ends options, grouped short flags, fixed
 * choices, and a one-line usage error naming the option for every mistake.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_spec.h"
#include "cli/commands.h"

enum { OPT_FILE = CLI_OPT_FIRST, OPT_MODE, OPT_QUIET, OPT_ALL };

static const char *const modes[] = {"text", "json", NULL};

static const struct cli_option test_options[] = {
    {OPT_FILE, "file", 'f', "FILE", NULL, "A file."},
    {OPT_MODE, "mode", 0, "MODE", modes, "A mode."},
    {OPT_QUIET, "quiet", 'q', NULL, NULL, "Say less."},
    {OPT_ALL, "all", 'a', NULL, NULL, "All of it."},
    CLI_COMMON_OPTIONS,
};

static const struct cli_exit_status test_exits[] = {{0, "Fine."}, {-1, NULL}};

static const struct cli_command test_command = {
    .name = "test", .operands = "X...", .summary = "a test", .description = "Tests.",
    .options = test_options, .exits = test_exits,
};

/* What the callback saw, in order: "file=a,quiet,mode=json". */
static char seen[256];
static const char *operands[8];
static struct cli_args args;
static char err[200];

static int record(void *ctx, const struct cli_option *opt, const char *value, char *e, size_t cap)
{
    (void)ctx;
    (void)e;
    (void)cap;
    size_t n = strlen(seen);
    snprintf(seen + n, sizeof(seen) - n, "%s%s%s%s", n > 0 ? "," : "", opt->name,
             value != NULL ? "=" : "", value != NULL ? value : "");
    return 0;
}

static int parse(const char *first, ...)
{
    char *argv[32] = {(char *)"test"};
    int argc = 1;
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a != NULL && argc < 31; a = va_arg(ap, const char *)) {
        argv[argc++] = (char *)a;
    }
    va_end(ap);
    seen[0] = '\0';
    err[0] = '\0';
    args = (struct cli_args){.operands = operands, .operand_cap = 8};
    return cli_parse(&test_command, argc, argv, record, NULL, &args, err, sizeof(err));
}

static void options_anywhere(void **state)
{
    (void)state;
    assert_int_equal(parse("a.pcap", "--file", "k", "b.pcap", "--mode=json", "-q", NULL), 0);
    assert_string_equal(seen, "file=k,mode=json,quiet");
    assert_int_equal(args.operand_count, 2);
    assert_string_equal(operands[0], "a.pcap");
    assert_string_equal(operands[1], "b.pcap");
}

static void value_forms(void **state)
{
    (void)state;
    assert_int_equal(parse("--file=a=b", "-fX", "-f", "Y", "--file", "-dash", NULL), 0);
    /* the first '=' separates; a value may start with '-' when it follows its option */
    assert_string_equal(seen, "file=a=b,file=X,file=Y,file=-dash");
    assert_int_equal(parse("-qa", NULL), 0); /* grouped flags */
    assert_string_equal(seen, "quiet,all");
    assert_int_equal(parse("-qf", "Z", NULL), 0); /* a value option ends a group */
    assert_string_equal(seen, "quiet,file=Z");
}

static void double_dash_ends_options(void **state)
{
    (void)state;
    assert_int_equal(parse("--quiet", "--", "--file", "-q", "-", NULL), 0);
    assert_string_equal(seen, "quiet");
    assert_int_equal(args.operand_count, 3);
    assert_string_equal(operands[0], "--file");
    assert_string_equal(operands[1], "-q");
    assert_string_equal(operands[2], "-"); /* "-" alone is always an operand */
}

static void help_and_version(void **state)
{
    (void)state;
    assert_int_equal(parse("x", "--help", NULL), 0);
    assert_true(args.help);
    assert_false(args.version);
    assert_string_equal(seen, ""); /* not handed to the command */
    assert_int_equal(parse("-h", NULL), 0);
    assert_true(args.help);
    assert_int_equal(parse("--version", NULL), 0);
    assert_true(args.version);
}

/* Each mistake: exit status 2, one line, naming what was wrong. */
static void usage_errors(void **state)
{
    (void)state;
    static const struct {
        const char *args[3];
        const char *must_name;
    } bad[] = {
        {{"--bogus", NULL, NULL}, "--bogus"},
        {{"-z", NULL, NULL}, "-z"},
        {{"--file", NULL, NULL}, "--file"},           /* value missing */
        {{"x", "-f", NULL}, "-f"},
        {{"--file=", NULL, NULL}, "--file"},          /* empty value */
        {{"--quiet=yes", NULL, NULL}, "--quiet"},     /* a flag takes no value */
        {{"--mode", "yaml", NULL}, "text, json"},     /* names the allowed values */
        {{"--mode=JSON", NULL, NULL}, "--mode"},      /* choices are case-sensitive */
        {{"--fil", "x", NULL}, "--fil"},              /* no abbreviations */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int rc = parse(bad[i].args[0], bad[i].args[1], bad[i].args[2], NULL);
        if (rc != CLI_EXIT_USAGE || strstr(err, bad[i].must_name) == NULL) {
            fail_msg("case %zu (%s): status %d, message '%s' should name '%s'", i, bad[i].args[0],
                     rc, err, bad[i].must_name);
        }
        assert_null(strchr(err, '\n'));
    }
    /* more operands than the command takes */
    assert_int_equal(parse("1", "2", "3", "4", "5", "6", "7", "8", "9", NULL), CLI_EXIT_USAGE);
    assert_non_null(strstr(err, "9"));
}

/* Every real command: its table is well formed, and help names every option. */
static void command_tables(void **state)
{
    (void)state;
    for (size_t i = 0; tls13_commands[i] != NULL; i++) {
        const struct cli_command *c = tls13_commands[i];
        assert_ptr_equal(cli_find_command(c->name), c);
        assert_non_null(c->run);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        cli_print_help(c, f);
        fclose(f);
        for (const struct cli_option *o = c->options; o->name != NULL; o++) {
            char name[64];
            snprintf(name, sizeof(name), "--%s", o->name);
            if (strstr(text, name) == NULL) {
                fail_msg("tls13 %s --help does not mention %s", c->name, name);
            }
            for (const struct cli_option *p = o + 1; p->name != NULL; p++) {
                assert_true(strcmp(o->name, p->name) != 0);
                assert_true(o->short_name == 0 || o->short_name != p->short_name);
            }
        }
        free(text);
    }
    assert_null(cli_find_command("nope"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_anywhere),
        cmocka_unit_test(value_forms),
        cmocka_unit_test(double_dash_ends_options),
        cmocka_unit_test(help_and_version),
        cmocka_unit_test(usage_errors),
        cmocka_unit_test(command_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
