// SPDX-License-Identifier: GPL-2.0-only
/*
 * tuxconf's kconfig frontend: a thin program linked against a kernel tree's own
 * scripts/kconfig library objects (like mconf, nconf and conf), answering JSON requests
 * on stdin with one JSON line each on stdout. All Kconfig semantics stay in the kernel's code.
 *
 * Differences between kernel versions are selected by TUX_* macros that the build derives
 * from the tree's headers, never from version numbers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lkc.h"

#ifdef TUX_HAVE_MENU_FILENAME
#define MENU_FILE(m) ((m)->filename)
#define PROP_FILE(p) ((p)->filename)
#else
#define MENU_FILE(m) ((m)->file ? (m)->file->name : "")
#define PROP_FILE(p) ((p)->file ? (p)->file->name : "")
#endif

/* ---------------------------------------------------------------- output */

static FILE *proto;

static void out_raw(const char *s) { fputs(s, proto); }

static void out_fmt(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(proto, fmt, ap);
	va_end(ap);
}

static void out_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', proto);
	for (; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", proto); break;
		case '\\': fputs("\\\\", proto); break;
		case '\n': fputs("\\n", proto); break;
		case '\t': fputs("\\t", proto); break;
		case '\r': fputs("\\r", proto); break;
		default:
			if (*p < 0x20)
				fprintf(proto, "\\u%04x", *p);
			else
				fputc(*p, proto);
		}
	}
	fputc('"', proto);
}

static void reply_head(long id, bool ok) { out_fmt("{\"id\":%ld,\"ok\":%s", id, ok ? "true" : "false"); }

static void out_end(void)
{
	fputs("}\n", proto);
	fflush(proto);
}

/* ---------------------------------------------------------------- request parsing */

/* Requests are flat JSON objects whose values are strings, numbers or booleans. */
struct request {
	long id;
	char op[32];
	char *name;
	char *value;
	char *path;
	int node;
	int flag;
};

static void req_free(struct request *r)
{
	free(r->name);
	free(r->value);
	free(r->path);
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

static void put_utf8(char **o, unsigned cp)
{
	if (cp < 0x80) {
		*(*o)++ = (char)cp;
	} else if (cp < 0x800) {
		*(*o)++ = (char)(0xc0 | (cp >> 6));
		*(*o)++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*(*o)++ = (char)(0xe0 | (cp >> 12));
		*(*o)++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*(*o)++ = (char)(0x80 | (cp & 0x3f));
	}
}

/* Parses a JSON string at p (pointing at the opening quote); returns a malloc'd copy. */
static char *parse_string(const char **pp)
{
	const char *p = *pp + 1;
	char *buf = malloc(strlen(p) * 3 + 1), *o = buf;

	while (*p && *p != '"') {
		if (*p == '\\' && p[1]) {
			p++;
			switch (*p) {
			case 'n': *o++ = '\n'; break;
			case 't': *o++ = '\t'; break;
			case 'r': *o++ = '\r'; break;
			case 'b': *o++ = '\b'; break;
			case 'f': *o++ = '\f'; break;
			case 'u': {
				unsigned cp = 0;
				int i;

				for (i = 1; i <= 4 && p[i]; i++) {
					char c = p[i];
					cp = cp * 16 + (c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
				}
				put_utf8(&o, cp);
				p += 4;
				break;
			}
			default: *o++ = *p;
			}
			p++;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	*pp = *p ? p + 1 : p;
	return buf;
}

static int parse_request(const char *line, struct request *r)
{
	const char *p = skip_ws(line);

	memset(r, 0, sizeof(*r));
	r->node = -1;
	if (*p++ != '{')
		return -1;
	for (;;) {
		char *key, *sval = NULL;
		long nval = 0;
		int is_num = 0;

		p = skip_ws(p);
		if (*p == '}')
			return 0;
		if (*p != '"')
			return -1;
		key = parse_string(&p);
		p = skip_ws(p);
		if (*p++ != ':') {
			free(key);
			return -1;
		}
		p = skip_ws(p);
		if (*p == '"') {
			sval = parse_string(&p);
		} else if (!strncmp(p, "true", 4)) {
			nval = 1, is_num = 1, p += 4;
		} else if (!strncmp(p, "false", 5)) {
			is_num = 1, p += 5;
		} else if (!strncmp(p, "null", 4)) {
			p += 4;
		} else {
			char *end;

			nval = strtol(p, &end, 10);
			if (end == p) {
				free(key);
				return -1;
			}
			is_num = 1;
			p = end;
		}
		if (!strcmp(key, "id") && is_num)
			r->id = nval;
		else if (!strcmp(key, "op") && sval)
			snprintf(r->op, sizeof(r->op), "%s", sval);
		else if (!strcmp(key, "name") && sval)
			r->name = sval, sval = NULL;
		else if (!strcmp(key, "value") && sval)
			r->value = sval, sval = NULL;
		else if (!strcmp(key, "path") && sval)
			r->path = sval, sval = NULL;
		else if (!strcmp(key, "node") && is_num)
			r->node = (int)nval;
		else if (!strcmp(key, "flag") && is_num)
			r->flag = (int)nval;
		free(key);
		free(sval);
		p = skip_ws(p);
		if (*p == ',')
			p++;
	}
}

/* ---------------------------------------------------------------- the menu and symbol tables */

static struct menu **nodes;
static int node_count, node_cap;
static struct symbol **syms;
static int sym_count, sym_cap;

/* Each symbol's `config` entries (menu nodes), in menu order; kernels before 6.10 keep no such list. */
struct node_list {
	int *ids;
	int count;
};
static struct node_list *sym_nodes;

/* Symbol pointer -> index, open addressing. */
static struct symbol **sym_keys;
static int *sym_vals;
static size_t sym_slots;

static size_t ptr_hash(const void *p)
{
	uintptr_t x = (uintptr_t)p;

	x ^= x >> 17;
	x *= 0xed5ad4bbU;
	x ^= x >> 11;
	return (size_t)x;
}

static int sym_index(const struct symbol *sym)
{
	size_t i;

	if (!sym || !sym_slots)
		return -1;
	for (i = ptr_hash(sym) & (sym_slots - 1); sym_keys[i]; i = (i + 1) & (sym_slots - 1))
		if (sym_keys[i] == sym)
			return sym_vals[i];
	return -1;
}

static void sym_index_put(struct symbol *sym, int idx)
{
	size_t i = ptr_hash(sym) & (sym_slots - 1);

	while (sym_keys[i])
		i = (i + 1) & (sym_slots - 1);
	sym_keys[i] = sym;
	sym_vals[i] = idx;
}

static int node_id(const struct menu *m) { return m ? (int)(intptr_t)m->data - 1 : -1; }

static void collect(struct menu *m)
{
	struct menu *child;

	if (node_count == node_cap) {
		node_cap = node_cap ? node_cap * 2 : 4096;
		nodes = realloc(nodes, node_cap * sizeof(*nodes));
	}
	nodes[node_count] = m;
	m->data = (void *)(intptr_t)(node_count + 1);
	node_count++;
	if (m->sym && m->sym->name && sym_index(m->sym) < 0) {
		if (sym_count == sym_cap) {
			sym_cap = sym_cap ? sym_cap * 2 : 4096;
			syms = realloc(syms, sym_cap * sizeof(*syms));
		}
		syms[sym_count] = m->sym;
		sym_index_put(m->sym, sym_count);
		sym_count++;
	}
	for (child = m->list; child; child = child->next)
		collect(child);
}

static void build_tables(void)
{
	int i;

	sym_slots = 1 << 16;
	sym_keys = calloc(sym_slots, sizeof(*sym_keys));
	sym_vals = calloc(sym_slots, sizeof(*sym_vals));
	collect(&rootmenu);
	sym_nodes = calloc(sym_count, sizeof(*sym_nodes));
	for (i = 0; i < node_count; i++) {
		int idx = nodes[i]->sym ? sym_index(nodes[i]->sym) : -1;
		struct node_list *list;

		if (idx < 0)
			continue;
		list = &sym_nodes[idx];
		list->ids = realloc(list->ids, (list->count + 1) * sizeof(*list->ids));
		list->ids[list->count++] = i;
	}
}

/* ---------------------------------------------------------------- choices (the API moved in 6.11) */

static struct menu *choice_menu_of(struct symbol *sym)
{
#ifdef TUX_HAVE_SYM_GET_CHOICE_MENU
	return sym_get_choice_menu(sym);
#else
	struct property *prop;

	if (!sym_is_choice_value(sym))
		return NULL;
	prop = sym_get_choice_prop(sym);
	return prop ? prop->menu : NULL;
#endif
}

static struct symbol *choice_selected(struct menu *choice)
{
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	return sym_calc_choice(choice);
#else
	sym_calc_value(choice->sym);
	return sym_get_choice_value(choice->sym);
#endif
}

static bool choice_select(struct symbol *sym)
{
	struct menu *choice = choice_menu_of(sym);

	if (!choice)
		return false;
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	if (!sym_tristate_within_range(sym, yes) && sym->visible == no)
		return false;
	choice_set_value(choice, sym);
	return true;
#else
	return sym_set_tristate_value(sym, yes);
#endif
}

static bool is_choice_node(struct menu *m) { return m->sym && sym_is_choice(m->sym); }

/* ---------------------------------------------------------------- expressions */

static void expr_to_gstr(void *data, struct symbol *sym, const char *str)
{
	(void)sym;
	str_append((struct gstr *)data, str);
}

/* The expression as Kconfig source spells it, without current values. */
static char *expr_text(struct expr *e)
{
	struct gstr gs = str_new();
	char *s;

	if (e)
		expr_print(e, expr_to_gstr, &gs, E_NONE);
	s = strdup(str_get(&gs));
	str_free(&gs);
	return s;
}

static void out_expr(struct expr *e)
{
	char *s = expr_text(e);

	out_str(s);
	free(s);
}

static const char *tri_name(tristate t) { return t == yes ? "y" : t == mod ? "m" : "n"; }

/*
 * Writes the terms of e split at its top-level `split` operator (&& or ||), each with its value:
 * with want_active the terms that are not n (active selects), else those below `below`
 * (the dependencies that keep a value out of reach).
 */
static void out_terms(struct expr *e, enum expr_type split, tristate below, bool want_active)
{
	struct expr **stack;
	int sp = 0, cap = 64;
	bool first = true;

	if (!e)
		return;
	stack = malloc(cap * sizeof(*stack));
	stack[sp++] = e;
	while (sp) {
		struct expr *t = stack[--sp], *lead;
		struct gstr gs;
		tristate v;

		if (t->type == split) {
			if (sp + 2 > cap)
				stack = realloc(stack, (cap *= 2) * sizeof(*stack));
			stack[sp++] = t->right.expr;
			stack[sp++] = t->left.expr;
			continue;
		}
		v = expr_calc_value(t);
		if (want_active ? v == no : v >= below)
			continue;
		/* With each symbol's current value, as menuconfig's help prints it: "PCI [=y]". */
		gs = str_new();
		expr_gstr_print(t, &gs);
		out_fmt("%s{\"expr\":", first ? "" : ",");
		out_str(str_get(&gs));
		out_fmt(",\"value\":\"%s\",\"symbol\":", tri_name(v));
		lead = t;
		while (lead->type == E_AND)
			lead = lead->left.expr;
		if (lead->type == E_SYMBOL && lead->left.sym->name)
			out_str(lead->left.sym->name);
		else
			out_raw("null");
		out_raw("}");
		str_free(&gs);
		first = false;
	}
	free(stack);
}

/* ---------------------------------------------------------------- tree */

static const char *type_name(enum symbol_type t)
{
	switch (t) {
	case S_BOOLEAN: return "bool";
	case S_TRISTATE: return "tristate";
	case S_INT: return "int";
	case S_HEX: return "hex";
	case S_STRING: return "string";
	default: return "unknown";
	}
}

static const char *node_kind(struct menu *m)
{
	if (m == &rootmenu)
		return "menu";
	if (m->sym)
		return sym_is_choice(m->sym) ? "choice" : "symbol";
	if (m->prompt && m->prompt->type == P_MENU)
		return "menu";
	if (m->prompt && m->prompt->type == P_COMMENT)
		return "comment";
	return "if";
}

/*
 * The properties of one type. A property's condition includes the entry's inherited
 * dependencies (menu_finalize adds them), so it is sent only where it matters (ranges, defaults).
 */
static void out_refs(struct symbol *sym, enum prop_type type, bool with_condition)
{
	struct property *prop;
	bool first = true;

	for (prop = sym->prop; prop; prop = prop->next) {
		if (prop->type != type)
			continue;
		out_raw(first ? "{\"name\":" : ",{\"name\":");
		out_expr(prop->expr);
		out_raw(",\"condition\":");
		out_expr(with_condition ? prop->visible.expr : NULL);
		out_raw("}");
		first = false;
	}
}

/*
 * The whole menu: a header line with the counts, then one line per menu node and one per
 * symbol, so that the reader never holds one giant line (x86_64 has 19k nodes, 17.7k symbols).
 */
static void op_tree(long id)
{
	int i;

	reply_head(id, true);
	out_fmt(",\"result\":{\"nodes\":%d,\"symbols\":%d},\"lines\":%d", node_count, sym_count,
		node_count + sym_count);
	out_end();
	for (i = 0; i < node_count; i++) {
		struct menu *m = nodes[i], *c;
		bool first = true;

		out_fmt("{\"parent\":%d,\"kind\":\"%s\",\"prompt\":", node_id(m->parent), node_kind(m));
		if (m->prompt)
			out_str(menu_get_prompt(m));
		else
			out_raw("null");
		out_fmt(",\"symbol\":%d,\"menuconfig\":%s,\"file\":", m->sym ? sym_index(m->sym) : -1,
			m->sym && m->prompt && m->prompt->type == P_MENU ? "true" : "false");
		out_str(MENU_FILE(m));
		out_fmt(",\"line\":%d,\"dependsOn\":", m->lineno);
		out_expr(expr_is_yes(m->dep) ? NULL : m->dep);
		out_raw(",\"visibleIf\":");
		out_expr(m->visibility);
		out_raw(",\"help\":");
		out_str(m->help);
		out_raw(",\"children\":[");
		for (c = m->list; c; c = c->next) {
			out_fmt("%s%d", first ? "" : ",", node_id(c));
			first = false;
		}
		out_raw("]}\n");
	}
	for (i = 0; i < sym_count; i++) {
		struct symbol *sym = syms[i];
		struct menu *choice;
		int j;

		out_raw("{\"name\":");
		out_str(sym->name);
		out_fmt(",\"type\":\"%s\",\"nodes\":[", type_name(sym->type));
		for (j = 0; j < sym_nodes[i].count; j++)
			out_fmt("%s%d", j ? "," : "", sym_nodes[i].ids[j]);
		out_raw("],\"dependsOn\":");
		out_expr(expr_is_yes(sym->dir_dep.expr) ? NULL : sym->dir_dep.expr);
		out_raw(",\"selects\":[");
		out_refs(sym, P_SELECT, false);
		out_raw("],\"implies\":[");
		out_refs(sym, P_IMPLY, false);
		out_raw("],\"ranges\":[");
		out_refs(sym, P_RANGE, true);
		out_raw("],\"defaults\":[");
		out_refs(sym, P_DEFAULT, true);
		out_raw("],\"selectedBy\":");
		out_expr(sym->rev_dep.expr);
		out_raw(",\"impliedBy\":");
		out_expr(sym->implied.expr);
		choice = choice_menu_of(sym);
		out_fmt(",\"choice\":%d}\n", choice ? node_id(choice) : -1);
	}
	fflush(proto);
}

/* ---------------------------------------------------------------- state */

struct sym_state {
	char *value;
	signed char visible, rev, allowed, changeable, has_value;
};

struct node_state {
	signed char visible, empty;
	int selected;
};

static struct sym_state *sym_prev;
static struct node_state *node_prev;

static void read_sym_state(struct symbol *sym, struct sym_state *st)
{
	sym_calc_value(sym);
	st->value = (char *)sym_get_string_value(sym);
	st->visible = (signed char)sym->visible;
	st->rev = (signed char)sym->rev_dep.tri;
	st->allowed = 0;
	if (sym->type == S_BOOLEAN || sym->type == S_TRISTATE) {
		if (sym_tristate_within_range(sym, no))
			st->allowed |= 1;
		if (sym_tristate_within_range(sym, mod))
			st->allowed |= 2;
		if (sym_tristate_within_range(sym, yes))
			st->allowed |= 4;
	}
	st->changeable = sym_is_changeable(sym);
	st->has_value = sym_has_value(sym);
}

static void read_node_state(struct menu *m, struct node_state *st)
{
	struct symbol *sel;

	st->visible = menu_is_visible(m);
	st->empty = m->list ? menu_is_empty(m) : 1;
	st->selected = -1;
	if (is_choice_node(m)) {
		sel = choice_selected(m);
		st->selected = sel ? sym_index(sel) : -1;
	}
}

static void out_sym_state(const struct sym_state *st)
{
	out_raw("[");
	out_str(st->value);
	out_fmt(",%d,%d,%d,%d,%d]", st->visible, st->rev, st->allowed, st->changeable, st->has_value);
}

static bool sym_state_eq(const struct sym_state *a, const struct sym_state *b)
{
	return !strcmp(a->value, b->value) && a->visible == b->visible && a->rev == b->rev &&
	       a->allowed == b->allowed && a->changeable == b->changeable &&
	       a->has_value == b->has_value;
}

/* Recomputes every value; writes either all of them or only those that changed. */
static void out_state(bool only_changes)
{
	struct sym_state st;
	struct node_state ns;
	bool first = true;
	int i;

	if (!sym_prev) {
		sym_prev = calloc(sym_count, sizeof(*sym_prev));
		node_prev = calloc(node_count, sizeof(*node_prev));
	}
	out_raw(",\"result\":{\"symbols\":[");
	for (i = 0; i < sym_count; i++) {
		read_sym_state(syms[i], &st);
		if (only_changes && sym_prev[i].value && sym_state_eq(&st, &sym_prev[i]))
			continue;
		if (only_changes)
			out_fmt("%s[%d,", first ? "" : ",", i);
		else if (!first)
			out_raw(",");
		out_sym_state(&st);
		if (only_changes)
			out_raw("]");
		first = false;
		free(sym_prev[i].value);
		sym_prev[i] = st;
		sym_prev[i].value = strdup(st.value);
	}
	out_raw("],\"nodes\":[");
	first = true;
	for (i = 0; i < node_count; i++) {
		read_node_state(nodes[i], &ns);
		if (only_changes && !memcmp(&ns, &node_prev[i], sizeof(ns)))
			continue;
		if (only_changes)
			out_fmt("%s[%d,%d,%d,%d]", first ? "" : ",", i, ns.visible, ns.empty, ns.selected);
		else
			out_fmt("%s[%d,%d,%d]", first ? "" : ",", ns.visible, ns.empty, ns.selected);
		first = false;
		node_prev[i] = ns;
	}
	out_raw("]}");
}

/* ---------------------------------------------------------------- capturing the library's messages */

static char **messages;
static int message_count;

static void on_message(const char *s)
{
	messages = realloc(messages, (message_count + 1) * sizeof(*messages));
	messages[message_count++] = strdup(s);
}

static void out_messages(void)
{
	int i;

	out_raw(",\"messages\":[");
	for (i = 0; i < message_count; i++) {
		if (i)
			out_raw(",");
		out_str(messages[i]);
		free(messages[i]);
	}
	out_raw("]");
	message_count = 0;
}

/* The library reports .config problems on stderr; route them into the answer instead. */
static int saved_stderr = -1;
static FILE *capture;

static void capture_begin(void)
{
	fflush(stderr);
	capture = tmpfile();
	if (!capture)
		return;
	saved_stderr = dup(2);
	dup2(fileno(capture), 2);
}

static void capture_end(void)
{
	char line[8192];
	bool first = true;

	out_raw(",\"warnings\":[");
	if (capture) {
		fflush(stderr);
		dup2(saved_stderr, 2);
		close(saved_stderr);
		rewind(capture);
		while (fgets(line, sizeof(line), capture)) {
			line[strcspn(line, "\n")] = 0;
			if (!*line)
				continue;
			if (!first)
				out_raw(",");
			out_str(line);
			first = false;
		}
		fclose(capture);
		capture = NULL;
	}
	out_raw("]");
}

/* ---------------------------------------------------------------- operations */


static void reply_error(long id, const char *code, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	reply_head(id, false);
	out_fmt(",\"code\":\"%s\",\"error\":", code);
	out_str(buf);
	out_end();
}

static struct symbol *find_named(const char *name)
{
	struct symbol *sym = name ? sym_find(name) : NULL;

	return sym && sym_index(sym) >= 0 ? sym : NULL;
}

/*
 * conf_read() is written for a process that reads one config: values computed from an earlier
 * config (visibility, choice members' current values, SYMBOL_WRITE) can survive into the next
 * one and change what conf_write() writes. Put every symbol back as conf_parse() left it.
 */
static void reset_symbol(struct symbol *sym)
{
	struct property *prop;

	sym->flags &= ~(SYMBOL_VALID | SYMBOL_WRITE | SYMBOL_WRITTEN);
	sym->visible = no;
	sym->curr.tri = no;
	sym->curr.val = NULL;
	sym->dir_dep.tri = no;
	sym->rev_dep.tri = no;
	sym->implied.tri = no;
	for (prop = sym->prop; prop; prop = prop->next)
		prop->visible.tri = no;
}

static void reset_computed_values(void)
{
	int i;

	for (i = 0; i < sym_count; i++)
		reset_symbol(syms[i]);
	/* Choices have no name, so they are not in syms[]. */
	for (i = 0; i < node_count; i++)
		if (nodes[i]->sym && !nodes[i]->sym->name)
			reset_symbol(nodes[i]->sym);
}

static void op_load(struct request *r)
{
	int err;

	if (r->path)
		setenv("KCONFIG_CONFIG", r->path, 1);
	reset_computed_values();
	capture_begin();
	err = conf_read(NULL);
	reply_head(r->id, err == 0);
	capture_end();
	out_messages();
	out_end();
}

static void out_explain(struct symbol *sym)
{
	struct property *prop;
	struct menu *choice = choice_menu_of(sym);
	bool first = true, has_prompt = false;

	out_raw(",\"explain\":{\"name\":");
	out_str(sym->name);
	out_raw(",\"blockingDependencies\":[");
	for_all_prompts(sym, prop) {
		has_prompt = true;
		if (!first)
			out_raw(",");
		out_terms(prop->visible.expr, E_AND, sym->type == S_TRISTATE ? yes : mod, false);
		first = false;
		break;
	}
	out_raw("],\"activeSelects\":[");
	out_terms(sym->rev_dep.expr, E_OR, no, true);
	out_raw("],\"activeImplies\":[");
	out_terms(sym->implied.expr, E_OR, no, true);
	out_fmt("],\"hasPrompt\":%s,\"choice\":", has_prompt ? "true" : "false");
	if (choice && choice->prompt)
		out_str(menu_get_prompt(choice));
	else
		out_raw("null");
	out_raw("}");
}

static void op_explain(struct request *r)
{
	struct symbol *sym = find_named(r->name);

	if (!sym) {
		reply_error(r->id, "unknown", "unknown symbol %s", r->name ? r->name : "");
		return;
	}
	sym_calc_value(sym);
	reply_head(r->id, true);
	out_explain(sym);
	out_end();
}

static tristate parse_tri(const char *v, bool *ok)
{
	*ok = true;
	if (!strcmp(v, "y"))
		return yes;
	if (!strcmp(v, "m"))
		return mod;
	if (!strcmp(v, "n"))
		return no;
	*ok = false;
	return no;
}

static void refuse_set(struct request *r, struct symbol *sym, const char *code)
{
	struct property *range = NULL, *prop;

	reply_head(r->id, false);
	out_fmt(",\"code\":\"%s\"", code);
	for (prop = sym->prop; prop; prop = prop->next)
		if (prop->type == P_RANGE && expr_calc_value(prop->visible.expr) != no) {
			range = prop;
			break;
		}
	if (range) {
		struct symbol *lo = range->expr->left.sym, *hi = range->expr->right.sym;

		sym_calc_value(lo);
		sym_calc_value(hi);
		out_raw(",\"range\":[");
		out_str(sym_get_string_value(lo));
		out_raw(",");
		out_str(sym_get_string_value(hi));
		out_raw("]");
	}
	out_fmt(",\"value\":");
	out_str(sym_get_string_value(sym));
	out_explain(sym);
	out_end();
}

static void op_set(struct request *r)
{
	struct symbol *sym = find_named(r->name);
	const char *v = r->value ? r->value : "";
	bool ok;

	if (!sym) {
		reply_error(r->id, "unknown", "unknown symbol %s", r->name ? r->name : "");
		return;
	}
	sym_calc_value(sym);
	if (sym->type == S_BOOLEAN || sym->type == S_TRISTATE) {
		tristate want = parse_tri(v, &ok);

		if (!ok || (sym->type == S_BOOLEAN && want == mod)) {
			refuse_set(r, sym, "invalid");
			return;
		}
		if (choice_menu_of(sym)) {
			if (want == sym_get_tristate_value(sym))
				ok = true;
			else if (want == yes)
				ok = choice_select(sym);
			else
				ok = false;
			if (!ok) {
				refuse_set(r, sym, want == yes ? "not-visible" : "choice");
				return;
			}
		} else if (!sym_tristate_within_range(sym, want)) {
			if (want != sym_get_tristate_value(sym)) {
				refuse_set(r, sym, want < sym->rev_dep.tri ? "selected" :
					   sym->visible == no ? "not-visible" : "limited");
				return;
			}
		} else {
			sym_set_tristate_value(sym, want);
		}
	} else if (sym->type == S_INT || sym->type == S_HEX || sym->type == S_STRING) {
		if (!sym_string_valid(sym, v)) {
			refuse_set(r, sym, "invalid");
			return;
		}
		if (sym->visible == no) {
			if (strcmp(v, sym_get_string_value(sym)))
				refuse_set(r, sym, "not-visible");
			else
				goto done;
			return;
		}
		if (!sym_string_within_range(sym, v)) {
			refuse_set(r, sym, "out-of-range");
			return;
		}
		if (!sym_set_string_value(sym, v)) {
			refuse_set(r, sym, "not-visible");
			return;
		}
	} else {
		refuse_set(r, sym, "invalid");
		return;
	}
done:
	reply_head(r->id, true);
	out_state(true);
	out_end();
}

static void op_help(struct request *r)
{
	struct menu *m = NULL;
	struct gstr gs;

	if (r->node >= 0 && r->node < node_count) {
		m = nodes[r->node];
	} else {
		struct symbol *sym = find_named(r->name);

		if (sym)
			m = nodes[sym_nodes[sym_index(sym)].ids[0]];
	}
	if (!m) {
		reply_error(r->id, "unknown", "unknown symbol or node");
		return;
	}
	gs = str_new();
	menu_get_ext_help(m, &gs);
	reply_head(r->id, true);
	out_raw(",\"result\":");
	out_str(str_get(&gs));
	str_free(&gs);
	out_end();
}

static void op_save(struct request *r, bool defconfig)
{
	int err;

	if (!r->path) {
		reply_error(r->id, "usage", "save needs a path");
		return;
	}
	capture_begin();
	if (defconfig) {
		err = conf_write_defconfig(r->path);
	} else {
		setenv("KCONFIG_CONFIG", r->path, 1);
		err = conf_write(NULL);
		/* Like conf: create include/config/auto.conf when it does not exist yet. */
		if (!err && r->flag)
			err = conf_write_autoconf(0);
	}
	reply_head(r->id, err == 0);
	if (err)
		out_fmt(",\"code\":\"io\",\"error\":\"%s\"", strerror(errno));
	capture_end();
	out_messages();
	out_end();
}

static void handle(struct request *r)
{
	if (!strcmp(r->op, "tree")) {
		op_tree(r->id);
	} else if (!strcmp(r->op, "state")) {
		reply_head(r->id, true);
		out_state(false);
		out_end();
	} else if (!strcmp(r->op, "load")) {
		op_load(r);
	} else if (!strcmp(r->op, "set")) {
		op_set(r);
	} else if (!strcmp(r->op, "explain")) {
		op_explain(r);
	} else if (!strcmp(r->op, "help")) {
		op_help(r);
	} else if (!strcmp(r->op, "save")) {
		op_save(r, false);
	} else if (!strcmp(r->op, "savedefconfig")) {
		op_save(r, true);
	} else {
		reply_error(r->id, "usage", "unknown op '%s'", r->op);
	}
}

/* ---------------------------------------------------------------- memoized $(shell ...) */

/*
 * Kconfig's $(shell ...) toolchain probes (cc-option, as-instr, ...) dominate parse time.
 * Their output is a pure function of the command and the toolchain, so the TypeScript side
 * gives a cache file per toolchain fingerprint in TUXCONF_SHELL_CACHE. The link wraps popen()
 * and pclose() of preprocess.o (-Wl,--wrap=popen,--wrap=pclose).
 */
FILE *__real_popen(const char *command, const char *type);
int __real_pclose(FILE *stream);

struct shell_entry {
	char *cmd;
	char *out;
	size_t len;
};

static struct shell_entry *shell_cache;
static int shell_count, shell_misses;

static void shell_cache_load(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return;
	/* Format: one "<cmd-length> <out-length>\n<cmd><out>\n" record per probe. */
	while ((n = getline(&line, &cap, f)) > 0) {
		size_t clen, olen;
		struct shell_entry e;

		if (sscanf(line, "%zu %zu", &clen, &olen) != 2)
			break;
		e.cmd = malloc(clen + 1);
		e.out = malloc(olen + 1);
		e.len = olen;
		if (fread(e.cmd, 1, clen, f) != clen || fread(e.out, 1, olen, f) != olen ||
		    fgetc(f) != '\n') {
			free(e.cmd);
			free(e.out);
			break;
		}
		e.cmd[clen] = 0;
		e.out[olen] = 0;
		shell_cache = realloc(shell_cache, (shell_count + 1) * sizeof(*shell_cache));
		shell_cache[shell_count++] = e;
	}
	free(line);
	fclose(f);
}

static void shell_cache_store(const char *path)
{
	char tmp[4096];
	FILE *f;
	int i;

	if (!shell_misses)
		return;
	snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f)
		return;
	for (i = 0; i < shell_count; i++) {
		fprintf(f, "%zu %zu\n", strlen(shell_cache[i].cmd), shell_cache[i].len);
		fwrite(shell_cache[i].cmd, 1, strlen(shell_cache[i].cmd), f);
		fwrite(shell_cache[i].out, 1, shell_cache[i].len, f);
		fputc('\n', f);
	}
	if (fclose(f) == 0)
		rename(tmp, path);
	else
		unlink(tmp);
}

FILE *__wrap_popen(const char *command, const char *type)
{
	struct shell_entry e;
	FILE *p;
	size_t cap = 4096, n;
	int i;

	for (i = 0; i < shell_count; i++)
		if (!strcmp(shell_cache[i].cmd, command))
			return fmemopen(shell_cache[i].out, shell_cache[i].len ? shell_cache[i].len : 1,
					"r");
	p = __real_popen(command, type);
	if (!p)
		return NULL;
	e.cmd = strdup(command);
	e.out = malloc(cap);
	e.len = 0;
	while ((n = fread(e.out + e.len, 1, cap - e.len, p)) > 0) {
		e.len += n;
		if (e.len == cap)
			e.out = realloc(e.out, cap *= 2);
	}
	__real_pclose(p);
	e.out[e.len] = 0;
	shell_cache = realloc(shell_cache, (shell_count + 1) * sizeof(*shell_cache));
	shell_cache[shell_count++] = e;
	shell_misses++;
	return fmemopen(e.out, e.len ? e.len : 1, "r");
}

int __wrap_pclose(FILE *stream)
{
	fclose(stream);
	return 0;
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv)
{
	const char *kconfig = argc > 1 ? argv[1] : "Kconfig";
	const char *cache = getenv("TUXCONF_SHELL_CACHE");
	struct timespec t0, t1;
	char *line = NULL;
	size_t cap = 0;
	int proto_fd;

	/* The protocol owns the real stdout; anything the library prints goes to stderr. */
	proto_fd = dup(1);
	dup2(2, 1);
	proto = fdopen(proto_fd, "w");
	setvbuf(proto, NULL, _IOFBF, 1 << 20);
	setvbuf(stdout, NULL, _IOLBF, 0);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (cache && *cache)
		shell_cache_load(cache);
	conf_parse(kconfig);
	if (cache && *cache)
		shell_cache_store(cache);
	conf_set_message_callback(on_message);
	build_tables();
	clock_gettime(CLOCK_MONOTONIC, &t1);

	out_raw("{\"event\":\"ready\",\"nodes\":");
	out_fmt("%d,\"symbols\":%d,\"parseMs\":%ld,\"shellProbes\":%d,\"shellMisses\":%d",
		node_count, sym_count,
		(long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000),
		shell_count, shell_misses);
	out_end();

	while (getline(&line, &cap, stdin) > 0) {
		struct request r;

		if (parse_request(line, &r) < 0) {
			reply_error(0, "usage", "malformed request");
			continue;
		}
		if (!strcmp(r.op, "quit")) {
			req_free(&r);
			break;
		}
		handle(&r);
		req_free(&r);
	}
	free(line);
	return 0;
}
