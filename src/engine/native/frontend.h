/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What tuxconf-frontend.c shares with the fix search (fix-*.c): the request, the JSON output,
 * memory helpers, the symbol and menu tables, and the one way values are applied.
 * Include after "lkc.h".
 */
#ifndef TUXCONF_FRONTEND_H
#define TUXCONF_FRONTEND_H

#include <stdbool.h>
#include <stdio.h>

/* A request's id as its reply repeats it; NO_ID when the request had none that could be read. */
typedef long long req_id;
#define NO_ID (-1LL)

enum req_key {
	K_ID, K_OP, K_NAME, K_VALUE, K_PATH, K_NODE, K_FLAG, K_TARGETS, K_PROTECT, K_FREEZE, K_BUDGET, K_NEVER_LOWER, K_COUNT
};

struct request {
	req_id id;
	char *op;
	char *name;
	char *value;
	char *path;
	/* fix: "NAME=VALUE" lines; names separated by blanks; milliseconds (-1: not given). */
	char *targets;
	char *protect;
	char *freeze;
	int budget;
	int node;
	bool flag;
	/* fix: no user value may go below the value the symbol has now. */
	bool never_lower;
	bool seen[K_COUNT];
	/* 1-based byte columns of each value and of the closing brace, for errors. */
	size_t column[K_COUNT];
	size_t end_column;
};

/* The real stderr, for die(): fd 2 may be redirected while the library works. */
extern int diag_fd;
void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...);
void *tux_alloc(size_t size);
void *tux_zalloc(size_t count, size_t size);
void *tux_realloc_array(void *old, size_t count, size_t size);
void *tux_reserve(void *array, size_t *cap, size_t need, size_t size, size_t first);
char *tux_strdup(const char *s);
char * __attribute__((format(printf, 1, 2))) tux_format(const char *fmt, ...);

extern FILE *proto;
void out_raw(const char *s);
void __attribute__((format(printf, 1, 2))) out_fmt(const char *fmt, ...);
void out_str(const char *s);
void reply_head(req_id id, bool ok);
void out_end(void);
void __attribute__((format(printf, 3, 4))) reply_error(req_id id, const char *code, const char *fmt, ...);

/* Every menu node in menu order, and every named symbol in the order of its first node. */
extern struct menu **nodes;
extern int node_count;
extern struct symbol **syms;
extern int sym_count;
int sym_index(const struct symbol *sym);
int node_id(const struct menu *m);
struct symbol *find_named(const char *name);

struct menu *choice_menu_of(struct symbol *sym);
struct symbol *choice_selected(struct menu *choice);
bool choice_select(struct symbol *sym);
bool is_choice_node(struct menu *m);

char *expr_text(struct expr *e);
const char *tri_name(tristate t);
tristate parse_tri(const char *v, bool *ok);
const char *apply_value(struct symbol *sym, const char *v);

/* fix-search.c */
void op_fix(struct request *r);

#endif
