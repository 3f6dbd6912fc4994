// SPDX-License-Identifier: GPL-2.0-only
/*
 * kconfig's value computation of bool and tristate symbols as CNF, read from the library's own
 * structures (symbols, properties, expressions, menus), for the cone of symbols the targets can
 * reach. It follows symbol.c's sym_calc_value / sym_calc_visibility / sym_calc_choice and expr.c's
 * expr_calc_value:
 *
 *   visibility  = OR of the prompts' conditions (menus, ifs and `visible if` included by
 *                 menu_finalize), m raised to y for bool symbols and when MODULES is n;
 *   value       = the user value AND the visibility, when visible and the symbol has a user value;
 *                 else the first default whose condition is not n (its value AND its condition),
 *                 raised by `imply` (bounded by the direct dependencies);
 *                 then raised to the select lower bound; m becomes y where the symbol acts as bool.
 *
 * Decisions are the user values: a symbol with a prompt keeps its current user value (or has
 * none and takes its default) unless its `change` literal holds; a choice keeps its members'
 * user values unless its `change` literal picks another member. int, hex and string symbols
 * are constants at their current values (a target's wanted value where it is a target).
 * Where the encoding is not exact (6.1 tristate choices, expressions of other kinds) it says
 * so in `approximations`: every candidate is judged by kconfig itself before it is offered.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lkc.h"
#include "frontend.h"
#include "fix.h"

#ifdef TUX_HAVE_CHOICE_SET_VALUE
#include <list.h>
#endif

/* ---------------------------------------------------------------- literals and gates */

struct gate_slot {
	int op, a, b, c; /* op 0: empty */
	int out;
};

struct expr_slot {
	const struct expr *key;
	struct tri val;
};

enum { G_AND = 1, G_ITE = 2 };

static int fresh(struct fix_enc *e) { return picosat_inc_max_var(e->ps); }

void enc_clause(struct fix_enc *e, const int *lits, int n)
{
	int i;

	for (i = 0; i < n; i++)
		picosat_add(e->ps, lits[i]);
	picosat_add(e->ps, 0);
	e->clauses++;
}

static void clause2(struct fix_enc *e, int a, int b)
{
	int lits[2] = { a, b };

	enc_clause(e, lits, 2);
}

static void clause3(struct fix_enc *e, int a, int b, int c)
{
	int lits[3] = { a, b, c };

	enc_clause(e, lits, 3);
}

static size_t gate_hash(int op, int a, int b, int c)
{
	uint64_t h = (uint64_t)(unsigned)op * 0x9e3779b97f4a7c15ULL;

	h ^= (uint64_t)(unsigned)a * 0xbf58476d1ce4e5b9ULL;
	h ^= (uint64_t)(unsigned)b * 0x94d049bb133111ebULL;
	h ^= (uint64_t)(unsigned)c * 0x2545f4914f6cdd1dULL;
	h ^= h >> 29;
	return (size_t)h;
}

static struct gate_slot *gate_find(struct fix_enc *e, int op, int a, int b, int c)
{
	size_t i;

	if ((e->gate_used + 1) * 2 > e->gate_slots) {
		struct gate_slot *old = e->gates;
		size_t n = e->gate_slots, j;

		e->gate_slots = n ? n * 2 : 4096;
		e->gates = tux_zalloc(e->gate_slots, sizeof(*e->gates));
		for (j = 0; j < n; j++) {
			struct gate_slot *s = &old[j];

			if (!s->op)
				continue;
			for (i = gate_hash(s->op, s->a, s->b, s->c) & (e->gate_slots - 1); e->gates[i].op;
			     i = (i + 1) & (e->gate_slots - 1))
				;
			e->gates[i] = *s;
		}
		free(old);
	}
	for (i = gate_hash(op, a, b, c) & (e->gate_slots - 1); e->gates[i].op; i = (i + 1) & (e->gate_slots - 1)) {
		struct gate_slot *s = &e->gates[i];

		if (s->op == op && s->a == a && s->b == b && s->c == c)
			return s;
	}
	e->gates[i].op = op;
	e->gates[i].a = a;
	e->gates[i].b = b;
	e->gates[i].c = c;
	e->gates[i].out = 0;
	e->gate_used++;
	return &e->gates[i];
}

int enc_and(struct fix_enc *e, int a, int b)
{
	struct gate_slot *s;
	int v;

	if (a == -e->t || b == -e->t || a == -b)
		return -e->t;
	if (a == e->t || a == b)
		return b;
	if (b == e->t)
		return a;
	if (a > b) {
		v = a;
		a = b;
		b = v;
	}
	s = gate_find(e, G_AND, a, b, 0);
	if (s->out)
		return s->out;
	v = fresh(e);
	s->out = v;
	clause2(e, -v, a);
	clause2(e, -v, b);
	clause3(e, v, -a, -b);
	return v;
}

int enc_or(struct fix_enc *e, int a, int b) { return -enc_and(e, -a, -b); }

static int enc_ite(struct fix_enc *e, int c, int a, int b)
{
	struct gate_slot *s;
	int v;

	if (c == e->t || a == b)
		return a;
	if (c == -e->t)
		return b;
	if (a == e->t)
		return enc_or(e, c, b);
	if (a == -e->t)
		return enc_and(e, -c, b);
	if (b == e->t)
		return enc_or(e, -c, a);
	if (b == -e->t)
		return enc_and(e, c, a);
	if (c < 0) {
		c = -c;
		v = a;
		a = b;
		b = v;
	}
	s = gate_find(e, G_ITE, a, b, c);
	if (s->out)
		return s->out;
	v = fresh(e);
	s->out = v;
	clause3(e, -c, -a, v);
	clause3(e, -c, a, -v);
	clause3(e, c, -b, v);
	clause3(e, c, b, -v);
	clause3(e, -a, -b, v);
	clause3(e, a, b, -v);
	return v;
}

/* ---------------------------------------------------------------- tristate values */

struct tri enc_const(const struct fix_enc *e, tristate v)
{
	struct tri r = { v >= mod ? e->t : -e->t, v == yes ? e->t : -e->t };

	return r;
}

static struct tri tri_and(struct fix_enc *e, struct tri a, struct tri b)
{
	struct tri r = { enc_and(e, a.g, b.g), enc_and(e, a.y, b.y) };

	return r;
}

static struct tri tri_or(struct fix_enc *e, struct tri a, struct tri b)
{
	struct tri r = { enc_or(e, a.g, b.g), enc_or(e, a.y, b.y) };

	return r;
}

static struct tri tri_not(struct tri a)
{
	struct tri r = { -a.y, -a.g };

	return r;
}

static struct tri tri_ite(struct fix_enc *e, int c, struct tri a, struct tri b)
{
	struct tri r = { enc_ite(e, c, a.g, b.g), enc_ite(e, c, a.y, b.y) };

	return r;
}

/* m becomes y where `as_bool` holds (bool symbols; tristate ones while MODULES is n). */
static struct tri promote(struct fix_enc *e, struct tri a, int as_bool)
{
	struct tri r = { a.g, enc_or(e, a.y, enc_and(e, as_bool, a.g)) };

	return r;
}

/* A fresh, unconstrained value (y implies m): where the encoding does not know. */
static struct tri tri_free(struct fix_enc *e)
{
	struct tri r = { fresh(e), fresh(e) };

	clause2(e, -r.y, r.g);
	return r;
}

int enc_at_least(struct fix_enc *e, struct tri v, tristate level)
{
	return level == no ? e->t : level == mod ? v.g : v.y;
}

int enc_at_most(struct fix_enc *e, struct tri v, tristate level)
{
	return level == yes ? e->t : level == mod ? -v.y : -v.g;
}

/* ---------------------------------------------------------------- symbols and choices */

bool enc_is_tristate_type(const struct symbol *sym) { return sym->type == S_BOOLEAN || sym->type == S_TRISTATE; }

static struct sym_enc *enc_of(struct fix_enc *e, const struct symbol *sym)
{
	int idx = sym ? sym_index(sym) : -1;

	return idx >= 0 ? &e->se[idx] : NULL;
}

/* The choice whose (unnamed, 6.1) symbol this is, or -1. */
static int choice_of_symbol(const struct fix_enc *e, const struct symbol *sym)
{
	int i;

	for (i = 0; i < e->choice_count; i++)
		if (e->choices[i].menu->sym == sym)
			return i;
	return -1;
}

int enc_choice_index(const struct fix_enc *e, struct symbol *sym)
{
	struct menu *m = choice_menu_of(sym);
	int id = m ? node_id(m) : -1;

	return id >= 0 ? e->choice_of_node[id] : -1;
}

static void add_member(struct choice_enc *c, struct symbol *sym, size_t *cap)
{
	int i;

	if (!sym || !sym->name)
		return;
	for (i = 0; i < c->count; i++)
		if (c->members[i] == sym)
			return;
	c->members = tux_reserve(c->members, cap, (size_t)c->count + 1, sizeof(*c->members), 8);
	c->members[c->count++] = sym;
}

static void collect_members(struct menu *m, struct choice_enc *c, size_t *cap)
{
	struct menu *child;

	for (child = m->list; child; child = child->next) {
		if (child->sym && child->sym->name && choice_menu_of(child->sym) == c->menu)
			add_member(c, child->sym, cap);
		collect_members(child, c, cap);
	}
}

static void init_choices(struct fix_enc *e)
{
	int i, n = 0;

	e->choice_of_node = tux_alloc((size_t)node_count * sizeof(*e->choice_of_node));
	for (i = 0; i < node_count; i++) {
		e->choice_of_node[i] = -1;
		if (is_choice_node(nodes[i]))
			n++;
	}
	e->choices = tux_zalloc((size_t)n, sizeof(*e->choices));
	for (i = 0; i < node_count; i++) {
		struct choice_enc *c;
		size_t cap = 0;

		if (!is_choice_node(nodes[i]))
			continue;
		c = &e->choices[e->choice_count];
		c->menu = nodes[i];
		c->dist = -1;
		collect_members(nodes[i], c, &cap);
		e->choice_of_node[i] = e->choice_count++;
	}
	for (i = 0; i < sym_count; i++)
		e->se[i].choice = enc_choice_index(e, syms[i]);
}

void enc_init(struct fix_enc *e)
{
	int i;

	memset(e, 0, sizeof(*e));
	e->ps = picosat_init();
	e->t = fresh(e);
	clause2(e, e->t, e->t);
	e->se = tux_zalloc((size_t)sym_count, sizeof(*e->se));
	for (i = 0; i < sym_count; i++)
		e->se[i].dist = -1;
	init_choices(e);
	e->modules_y = e->t;
	if (modules_sym) {
		sym_calc_value(modules_sym);
		e->modules_y = modules_sym->curr.tri == yes ? e->t : -e->t;
	}
}

void enc_free(struct fix_enc *e)
{
	int i;

	for (i = 0; i < e->choice_count; i++) {
		free(e->choices[i].members);
		free(e->choices[i].sel);
		free(e->choices[i].pick);
	}
	free(e->choices);
	free(e->choice_of_node);
	free(e->se);
	free(e->gates);
	free(e->exprs);
	picosat_reset(e->ps);
}

/* ---------------------------------------------------------------- the cone */

struct queue {
	int *items; /* >= 0: a symbol index; < 0: -(choice + 1) */
	size_t head, count, cap;
};

static void push(struct queue *q, int item)
{
	q->items = tux_reserve(q->items, &q->cap, q->count + 1, sizeof(*q->items), 256);
	q->items[q->count++] = item;
}

static void visit_symbol(struct fix_enc *e, struct queue *q, struct symbol *sym, int dist);

static void visit_choice(struct fix_enc *e, struct queue *q, int ci, int dist)
{
	struct choice_enc *c = &e->choices[ci];
	int i;

	if (c->dist >= 0)
		return;
	c->dist = dist;
	push(q, -(ci + 1));
	for (i = 0; i < c->count; i++)
		visit_symbol(e, q, c->members[i], dist);
}

static void visit_symbol(struct fix_enc *e, struct queue *q, struct symbol *sym, int dist)
{
	struct sym_enc *se;
	int ci;

	if (!sym || (sym->flags & SYMBOL_CONST))
		return;
	if (sym_is_choice(sym)) {
		ci = choice_of_symbol(e, sym);
		if (ci >= 0)
			visit_choice(e, q, ci, dist);
		return;
	}
	se = enc_of(e, sym);
	if (!se || se->dist >= 0)
		return;
	se->dist = dist;
	e->cone++;
	if (enc_is_tristate_type(sym) || se->wanted)
		push(q, sym_index(sym));
	if (se->choice >= 0)
		visit_choice(e, q, se->choice, dist);
}

bool expr_any_symbol(struct expr *x, bool (*visit)(struct symbol *sym, void *ctx), void *ctx)
{
	while (x) {
		switch (x->type) {
		case E_SYMBOL:
			return visit(x->left.sym, ctx);
		case E_NOT:
			x = x->left.expr;
			continue;
		case E_AND:
		case E_OR:
			if (expr_any_symbol(x->left.expr, visit, ctx))
				return true;
			x = x->right.expr;
			continue;
		case E_EQUAL:
		case E_UNEQUAL:
		case E_LTH:
		case E_LEQ:
		case E_GTH:
		case E_GEQ:
			return visit(x->left.sym, ctx) || visit(x->right.sym, ctx);
		default:
			return false;
		}
	}
	return false;
}

struct cone_visit {
	struct fix_enc *e;
	struct queue *q;
	int dist;
};

static bool visit_cone_symbol(struct symbol *sym, void *ctx)
{
	struct cone_visit *v = ctx;

	visit_symbol(v->e, v->q, sym, v->dist);
	return false;
}

/* Every expression that decides a symbol's value (or, for int/hex/string targets, whether it can be set). */
static void visit_expressions_of(struct fix_enc *e, struct queue *q, struct symbol *sym, int dist)
{
	struct cone_visit v = { e, q, dist };
	struct property *prop;

	for (prop = sym->prop; prop; prop = prop->next) {
		if (prop->type == P_DEFAULT)
			expr_any_symbol(prop->expr, visit_cone_symbol, &v);
		if (prop->type == P_PROMPT || prop->type == P_RANGE || prop->type == P_DEFAULT)
			expr_any_symbol(prop->visible.expr, visit_cone_symbol, &v);
	}
	if (enc_is_tristate_type(sym)) {
		expr_any_symbol(sym->dir_dep.expr, visit_cone_symbol, &v);
		expr_any_symbol(sym->rev_dep.expr, visit_cone_symbol, &v);
		expr_any_symbol(sym->implied.expr, visit_cone_symbol, &v);
	}
}

static struct tri enc_symbol(struct fix_enc *e, struct symbol *sym, struct sym_enc *se);
static void enc_choice(struct fix_enc *e, int ci);

struct ref_list {
	int *v;
	size_t n, cap;
};

struct ref_visit {
	struct fix_enc *e;
	struct ref_list *out;
};

static bool add_cone_ref(struct symbol *sym, void *ctx)
{
	struct ref_visit *v = ctx;
	struct sym_enc *se = enc_of(v->e, sym);

	if (se && se->dist >= 0) {
		v->out->v = tux_reserve(v->out->v, &v->out->cap, v->out->n + 1, sizeof(*v->out->v), 16);
		v->out->v[v->out->n++] = sym_index(sym);
	}
	return false;
}

/* The cone symbols a symbol's value is computed from. */
static void refs_of(struct fix_enc *e, struct symbol *sym, struct ref_list *out)
{
	struct ref_visit v = { e, out };
	struct property *prop;

	out->n = 0;
	for (prop = sym->prop; prop; prop = prop->next) {
		if (prop->type == P_PROMPT || prop->type == P_RANGE || prop->type == P_DEFAULT)
			expr_any_symbol(prop->visible.expr, add_cone_ref, &v);
		if (prop->type == P_DEFAULT)
			expr_any_symbol(prop->expr, add_cone_ref, &v);
	}
	expr_any_symbol(sym->dir_dep.expr, add_cone_ref, &v);
	expr_any_symbol(sym->rev_dep.expr, add_cone_ref, &v);
	expr_any_symbol(sym->implied.expr, add_cone_ref, &v);
}

/* Ranks every cone symbol after the symbols it is computed from (loops, through choices, broken anywhere). */
static void rank_cone(struct fix_enc *e)
{
	struct frame {
		int sym;
		size_t next;
		struct ref_list refs;
	} *stack = NULL;
	size_t cap = 0, sp = 0;
	unsigned char *mark = tux_zalloc((size_t)sym_count, 1);
	int i, rank = 0;

	for (i = 0; i < sym_count; i++) {
		if (e->se[i].dist < 0 || mark[i])
			continue;
		stack = tux_reserve(stack, &cap, sp + 1, sizeof(*stack), 64);
		memset(&stack[sp], 0, sizeof(*stack));
		stack[sp].sym = i;
		refs_of(e, syms[i], &stack[sp].refs);
		mark[i] = 1;
		sp++;
		while (sp) {
			struct frame *f = &stack[sp - 1];

			if (f->next < f->refs.n) {
				int child = f->refs.v[f->next++];

				if (mark[child])
					continue;
				mark[child] = 1;
				stack = tux_reserve(stack, &cap, sp + 1, sizeof(*stack), 64);
				memset(&stack[sp], 0, sizeof(*stack));
				stack[sp].sym = child;
				refs_of(e, syms[child], &stack[sp].refs);
				sp++;
				continue;
			}
			e->se[f->sym].topo = rank++;
			free(f->refs.v);
			sp--;
		}
	}
	free(stack);
	free(mark);
}

void enc_cone(struct fix_enc *e, struct symbol **seeds, int count)
{
	struct queue q = { NULL, 0, 0, 0 };
	int i, far = 0;

	for (i = 0; i < count; i++)
		visit_symbol(e, &q, seeds[i], 0);
	while (q.head < q.count) {
		int item = q.items[q.head++];

		if (item >= 0) {
			struct sym_enc *se = &e->se[item];

			if (se->dist > far)
				far = se->dist;
			visit_expressions_of(e, &q, syms[item], se->dist + 1);
		} else {
			struct choice_enc *c = &e->choices[-item - 1];

			visit_expressions_of(e, &q, c->menu->sym, c->dist + 1);
		}
		/* MODULES decides what m means everywhere: in the cone, the farthest away. */
		if (q.head == q.count && modules_sym && enc_of(e, modules_sym) && enc_of(e, modules_sym)->dist < 0)
			visit_symbol(e, &q, modules_sym, far + 1);
	}
	free(q.items);
	rank_cone(e);

	if (enc_of(e, modules_sym) && enc_of(e, modules_sym)->dist >= 0)
		e->modules_y = enc_value(e, modules_sym).y;
	for (i = 0; i < sym_count; i++)
		if (e->se[i].dist >= 0 && enc_is_tristate_type(syms[i]))
			enc_value(e, syms[i]);
	for (i = 0; i < e->choice_count; i++)
		if (e->choices[i].dist >= 0)
			enc_choice(e, i);
}

/* ---------------------------------------------------------------- expressions */

static size_t ptr_mix(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

static struct expr_slot *expr_find(struct fix_enc *e, const struct expr *x)
{
	size_t i;

	if ((e->expr_used + 1) * 2 > e->expr_slots) {
		struct expr_slot *old = e->exprs;
		size_t n = e->expr_slots, j;

		e->expr_slots = n ? n * 2 : 4096;
		e->exprs = tux_zalloc(e->expr_slots, sizeof(*e->exprs));
		for (j = 0; j < n; j++) {
			if (!old[j].key)
				continue;
			for (i = ptr_mix(old[j].key) & (e->expr_slots - 1); e->exprs[i].key; i = (i + 1) & (e->expr_slots - 1))
				;
			e->exprs[i] = old[j];
		}
		free(old);
	}
	for (i = ptr_mix(x) & (e->expr_slots - 1); e->exprs[i].key; i = (i + 1) & (e->expr_slots - 1))
		if (e->exprs[i].key == x)
			return &e->exprs[i];
	return &e->exprs[i];
}

enum value_kind { K_SIGNED, K_UNSIGNED, K_TEXT };

/* expr.c's expr_parse_string: how a comparison reads a value of a given type. */
static enum value_kind parse_value(const char *str, enum symbol_type type, long long *s, unsigned long long *u)
{
	char *tail;
	enum value_kind kind;

	errno = 0;
	switch (type) {
	case S_BOOLEAN:
	case S_TRISTATE:
		*s = !strcmp(str, "n") ? 0 : !strcmp(str, "m") ? 1 : !strcmp(str, "y") ? 2 : -1;
		return K_SIGNED;
	case S_INT:
		*s = strtoll(str, &tail, 10);
		kind = K_SIGNED;
		break;
	case S_HEX:
		*u = strtoull(str, &tail, 16);
		kind = K_UNSIGNED;
		break;
	default:
		*s = strtoll(str, &tail, 0);
		kind = K_SIGNED;
		break;
	}
	return !errno && !*tail && tail > str && isxdigit((unsigned char)tail[-1]) ? kind : K_TEXT;
}

/* The result of a comparison between two values, as __expr_calc_value computes it. */
static bool compare_holds(enum expr_type op, const char *s1, enum symbol_type t1, const char *s2, enum symbol_type t2)
{
	enum value_kind k1 = K_TEXT, k2 = K_TEXT;
	long long l1 = 0, l2 = 0;
	unsigned long long u1 = 0, u2 = 0;
	int res;

	if (t1 != S_STRING || t2 != S_STRING) {
		k1 = parse_value(s1, t1, &l1, &u1);
		k2 = parse_value(s2, t2, &l2, &u2);
	}
	if (k1 == K_TEXT || k2 == K_TEXT)
		res = strcmp(s1, s2);
	else if (k1 == K_UNSIGNED || k2 == K_UNSIGNED)
		res = (u1 > u2) - (u1 < u2);
	else
		res = (l1 > l2) - (l1 < l2);
	switch (op) {
	case E_EQUAL: return res == 0;
	case E_UNEQUAL: return res != 0;
	case E_GEQ: return res >= 0;
	case E_GTH: return res > 0;
	case E_LEQ: return res <= 0;
	case E_LTH: return res < 0;
	default: return false;
	}
}

/* The values one side of a comparison can take, each with the literal that says it has it. */
struct operand {
	int count;
	const char *text[3];
	int lit[3];
};

static void operand_of(struct fix_enc *e, struct symbol *sym, struct operand *o)
{
	struct sym_enc *se = enc_of(e, sym);

	o->count = 1;
	o->lit[0] = e->t;
	if (se && se->dist >= 0 && enc_is_tristate_type(sym)) {
		struct tri v = enc_value(e, sym);

		o->count = 3;
		o->text[0] = "n";
		o->lit[0] = -v.g;
		o->text[1] = "m";
		o->lit[1] = enc_and(e, v.g, -v.y);
		o->text[2] = "y";
		o->lit[2] = v.y;
		return;
	}
	if (se && se->wanted) {
		o->text[0] = se->wanted;
		return;
	}
	sym_calc_value(sym);
	o->text[0] = sym_get_string_value(sym);
}

static struct tri enc_compare(struct fix_enc *e, struct expr *x)
{
	struct operand l, r;
	int acc = -e->t, i, j;
	struct tri res;

	operand_of(e, x->left.sym, &l);
	operand_of(e, x->right.sym, &r);
	for (i = 0; i < l.count; i++)
		for (j = 0; j < r.count; j++)
			if (compare_holds(x->type, l.text[i], x->left.sym->type, r.text[j], x->right.sym->type))
				acc = enc_or(e, acc, enc_and(e, l.lit[i], r.lit[j]));
	res.g = acc;
	res.y = acc;
	return res;
}

static struct tri enc_choice_symbol(struct fix_enc *e, int ci);

struct tri enc_value(struct fix_enc *e, struct symbol *sym)
{
	struct sym_enc *se;

	if (!sym)
		return enc_const(e, no);
	if (sym == &symbol_yes)
		return enc_const(e, yes);
	if (sym == &symbol_mod)
		return enc_const(e, mod);
	if (sym == &symbol_no)
		return enc_const(e, no);
	if (sym_is_choice(sym)) {
		int ci = choice_of_symbol(e, sym);

		if (ci >= 0 && e->choices[ci].dist >= 0)
			return enc_choice_symbol(e, ci);
		sym_calc_value(sym);
		return enc_const(e, sym->curr.tri);
	}
	se = enc_of(e, sym);
	if (!se || se->dist < 0 || !enc_is_tristate_type(sym)) {
		/* Outside the cone, undefined here, or int/hex/string: its current tristate value. */
		sym_calc_value(sym);
		return enc_const(e, sym->curr.tri);
	}
	if (se->state == ENC_DONE)
		return se->val;
	if (se->state == ENC_BUSY) {
		/* kconfig refuses dependency loops, so this is a path the encoding itself added. */
		e->approximations++;
		return tri_free(e);
	}
	if (se->choice >= 0) {
		enc_choice(e, se->choice);
		return se->val;
	}
	se->state = ENC_BUSY;
	se->val = enc_symbol(e, sym, se);
	se->state = ENC_DONE;
	return se->val;
}

struct tri enc_expr(struct fix_enc *e, struct expr *x)
{
	struct expr_slot *slot;
	struct tri v;

	if (!x)
		return enc_const(e, yes);
	slot = expr_find(e, x);
	if (slot->key)
		return slot->val;
	switch (x->type) {
	case E_SYMBOL:
		v = enc_value(e, x->left.sym);
		break;
	case E_NOT:
		v = tri_not(enc_expr(e, x->left.expr));
		break;
	case E_AND:
		v = enc_expr(e, x->left.expr);
		v = tri_and(e, v, enc_expr(e, x->right.expr));
		break;
	case E_OR:
		v = enc_expr(e, x->left.expr);
		v = tri_or(e, v, enc_expr(e, x->right.expr));
		break;
	case E_EQUAL:
	case E_UNEQUAL:
	case E_LTH:
	case E_LEQ:
	case E_GTH:
	case E_GEQ:
		v = enc_compare(e, x);
		break;
	default:
		e->approximations++;
		v = tri_free(e);
		break;
	}
	/* Encoding the operands may have grown the table: find the slot again. */
	slot = expr_find(e, x);
	slot->key = x;
	slot->val = v;
	e->expr_used++;
	return v;
}

int enc_value_is(struct fix_enc *e, struct symbol *sym, tristate want)
{
	struct tri v = enc_value(e, sym);

	return want == yes ? v.y : want == mod ? enc_and(e, v.g, -v.y) : -v.g;
}

/* The OR of the prompts' conditions, m raised to y as sym_calc_visibility raises it. */
struct tri enc_visibility(struct fix_enc *e, struct symbol *sym)
{
	struct property *prop;
	struct tri vis = enc_const(e, no);

	for_all_prompts(sym, prop)
		vis = tri_or(e, vis, enc_expr(e, prop->visible.expr));
	return promote(e, vis, sym->type == S_TRISTATE ? -e->modules_y : e->t);
}

static bool has_prompt(struct symbol *sym)
{
	struct property *prop;

	for_all_prompts(sym, prop)
		return true;
	return false;
}

/* The tristate value of a symbol (not a choice member), as sym_calc_value computes it. */
static struct tri enc_symbol(struct fix_enc *e, struct symbol *sym, struct sym_enc *se)
{
	int as_bool = sym->type == S_TRISTATE ? -e->modules_y : e->t;
	struct property *prop, *defaults[64];
	int ndef = 0, i, has_user, use_user;
	struct tri vis, dir, rev, imp, def, user, base, val;

	vis = enc_visibility(e, sym);
	dir = promote(e, sym->dir_dep.expr ? enc_expr(e, sym->dir_dep.expr) : enc_const(e, yes), as_bool);
	rev = promote(e, sym->rev_dep.expr ? enc_expr(e, sym->rev_dep.expr) : enc_const(e, no), as_bool);
	imp = promote(e, sym->implied.expr ? enc_expr(e, sym->implied.expr) : enc_const(e, no), as_bool);

	/* The first default whose condition is not n; choices have none (sym_calc_value skips them). */
	def = enc_const(e, no);
	if (!sym_is_choice(sym)) {
		for_all_defaults(sym, prop) {
			if (ndef == (int)(sizeof(defaults) / sizeof(defaults[0]))) {
				e->approximations++;
				break;
			}
			defaults[ndef++] = prop;
		}
	}
	for (i = ndef - 1; i >= 0; i--) {
		struct tri cond = enc_expr(e, defaults[i]->visible.expr);

		def = tri_ite(e, cond.g, tri_and(e, enc_expr(e, defaults[i]->expr), cond), def);
	}
	def = tri_ite(e, imp.g, tri_and(e, tri_or(e, def, imp), dir), def);

	user = enc_const(e, sym->def[S_DEF_USER].tri);
	has_user = sym_has_value(sym) ? e->t : -e->t;
	if (sym->name && !se->frozen && has_prompt(sym) && vis.g != -e->t) {
		struct tri u = tri_free(e);

		se->change = fresh(e);
		se->user = u;
		if (sym->type == S_BOOLEAN)
			clause2(e, -u.g, u.y);
		user = tri_ite(e, se->change, u, user);
		has_user = enc_or(e, se->change, has_user);
	}
	use_user = enc_and(e, vis.g, has_user);
	base = tri_ite(e, use_user, tri_and(e, user, vis), def);
	val = promote(e, tri_or(e, base, rev), as_bool);

	if (se->change) {
		/* A change must be one `set` accepts and one that holds: visible, above the selects, kept. */
		int above = enc_or(e, enc_and(e, vis.g, -rev.g), enc_and(e, vis.y, -rev.y));

		clause2(e, -se->change, vis.g);
		clause2(e, -se->change, above);
		clause3(e, -se->change, -val.g, se->user.g);
		clause3(e, -se->change, val.g, -se->user.g);
		clause3(e, -se->change, -val.y, se->user.y);
		clause3(e, -se->change, val.y, -se->user.y);
		picosat_set_default_phase_lit(e->ps, se->change, -1);
	}
	se->vis = vis;
	se->rev = rev;
	return val;
}

/* 6.1: the choice symbol's own value (its members depend on it), through the generic path. */
static struct tri enc_choice_symbol(struct fix_enc *e, int ci)
{
	struct choice_enc *c = &e->choices[ci];
	struct sym_enc scratch;

	if (c->symval_state == ENC_DONE)
		return c->symval;
	if (c->symval_state == ENC_BUSY) {
		e->approximations++;
		return tri_free(e);
	}
	c->symval_state = ENC_BUSY;
	memset(&scratch, 0, sizeof(scratch));
	scratch.frozen = true;
	scratch.choice = -1;
	c->symval = enc_symbol(e, c->menu->sym, &scratch);
	c->symval_state = ENC_DONE;
	return c->symval;
}

/*
 * One step of a "first that applies" rule: member i is chosen when `cond` holds and no
 * earlier step applied.
 */
static void choose_step(struct fix_enc *e, int *sel, int *taken, int i, int cond)
{
	sel[i] = enc_or(e, sel[i], enc_and(e, cond, -*taken));
	*taken = enc_or(e, *taken, cond);
}

static int member_index(const struct choice_enc *c, const struct symbol *sym)
{
	int i;

	for (i = 0; i < c->count; i++)
		if (c->members[i] == sym)
			return i;
	return -1;
}

#ifdef TUX_HAVE_CHOICE_SET_VALUE
static bool user_is(struct symbol *sym, tristate v) { return sym_has_value(sym) && sym->def[S_DEF_USER].tri == v; }
#endif

/* Which member the choice takes when nobody changes it: sym_calc_choice over the current user values. */
static void choice_unchanged(struct fix_enc *e, struct choice_enc *c, const int *vis, int *sel)
{
	struct property *prop;
	int taken = -e->t, i;

#ifdef TUX_HAVE_CHOICE_SET_VALUE
	struct symbol *sym;
	int *dsel = tux_alloc((size_t)c->count * sizeof(*dsel));
	int dtaken = -e->t;

	/* The first visible member, in priority order, whose user value is y. */
	list_for_each_entry(sym, &c->menu->choice_members, choice_link) {
		i = member_index(c, sym);
		if (i >= 0 && user_is(sym, yes))
			choose_step(e, sel, &taken, i, vis[i]);
	}
	/* Else the default (unless its user value is n) ... */
	for (i = 0; i < c->count; i++)
		dsel[i] = -e->t;
	for_all_defaults(c->menu->sym, prop) {
		i = member_index(c, prop_get_symbol(prop));
		if (i >= 0)
			choose_step(e, dsel, &dtaken, i, enc_and(e, enc_expr(e, prop->visible.expr).g, vis[i]));
	}
	for (i = 0; i < c->count; i++)
		choose_step(e, dsel, &dtaken, i, vis[i]);
	for (i = 0; i < c->count; i++)
		if (!user_is(c->members[i], no))
			choose_step(e, sel, &taken, i, dsel[i]);
	free(dsel);
	/* ... else the first visible member without a user value, else the last visible one by priority. */
	for (i = 0; i < c->count; i++)
		if (!sym_has_value(c->members[i]))
			choose_step(e, sel, &taken, i, vis[i]);
	list_for_each_entry_reverse(sym, &c->menu->choice_members, choice_link) {
		i = member_index(c, sym);
		if (i >= 0)
			choose_step(e, sel, &taken, i, vis[i]);
	}
#else
	struct symbol *chosen = c->menu->sym->def[S_DEF_USER].val;

	/* The user's choice if visible, else the first visible default, else the first visible member. */
	i = chosen ? member_index(c, chosen) : -1;
	if (i >= 0)
		choose_step(e, sel, &taken, i, vis[i]);
	for_all_defaults(c->menu->sym, prop) {
		i = member_index(c, prop_get_symbol(prop));
		if (i >= 0)
			choose_step(e, sel, &taken, i, enc_and(e, enc_expr(e, prop->visible.expr).g, vis[i]));
	}
	for (i = 0; i < c->count; i++)
		choose_step(e, sel, &taken, i, vis[i]);
	if (c->menu->sym->type == S_TRISTATE)
		e->approximations++; /* members of a tristate choice set to m are not modelled */
#endif
}

static void enc_choice(struct fix_enc *e, int ci)
{
	struct choice_enc *c = &e->choices[ci];
	int *vis, i, j, any_visible = 0;

	if (c->state != ENC_NONE)
		return;
	c->state = ENC_BUSY;
	vis = tux_alloc((size_t)(c->count ? c->count : 1) * sizeof(*vis));
	c->sel = tux_alloc((size_t)(c->count ? c->count : 1) * sizeof(*c->sel));
	c->pick = tux_zalloc((size_t)(c->count ? c->count : 1), sizeof(*c->pick));
	for (i = 0; i < c->count; i++) {
		struct sym_enc *se = enc_of(e, c->members[i]);

		se->state = ENC_BUSY;
		se->vis = enc_visibility(e, c->members[i]);
		se->rev = enc_const(e, no);
		/* For bool members the selection takes y only, so visibility means "visible as y". */
		vis[i] = se->vis.y;
		c->sel[i] = -e->t;
		if (vis[i] != -e->t)
			any_visible = 1;
		if (se->frozen)
			c->frozen = true;
	}
	choice_unchanged(e, c, vis, c->sel);
	if (any_visible && !c->frozen) {
		c->change = fresh(e);
		picosat_set_default_phase_lit(e->ps, c->change, -1);
		for (i = 0; i < c->count; i++) {
			c->pick[i] = fresh(e);
			clause2(e, c->change, -c->pick[i]);
			clause3(e, -c->change, -c->pick[i], vis[i]);
			for (j = 0; j < i; j++)
				clause2(e, -c->pick[i], -c->pick[j]);
		}
		picosat_add(e->ps, -c->change);
		for (i = 0; i < c->count; i++)
			picosat_add(e->ps, c->pick[i]);
		picosat_add(e->ps, 0);
		e->clauses++;
		for (i = 0; i < c->count; i++)
			c->sel[i] = enc_ite(e, c->change, c->pick[i], c->sel[i]);
	}
	for (i = 0; i < c->count; i++) {
		struct sym_enc *se = enc_of(e, c->members[i]);

		se->val.g = c->sel[i];
		se->val.y = c->sel[i];
		se->state = ENC_DONE;
	}
	free(vis);
	c->state = ENC_DONE;
}

/* ---------------------------------------------------------------- int, hex and string targets */

static long long range_bound(struct symbol *bound, int base)
{
	sym_calc_value(bound);
	if (bound->type == S_INT)
		base = 10;
	else if (bound->type == S_HEX)
		base = 16;
	return strtoll(sym_get_string_value(bound), NULL, base);
}

int enc_settable_to(struct fix_enc *e, struct symbol *sym, const char *value)
{
	struct property *prop, *ranges[16];
	int nranges = 0, ok = e->t, i, base = sym->type == S_HEX ? 16 : 10;
	long long v = strtoll(value, NULL, base);

	for_all_properties(sym, prop, P_RANGE)
		if (nranges < (int)(sizeof(ranges) / sizeof(ranges[0])))
			ranges[nranges++] = prop;
	if (sym->type == S_INT || sym->type == S_HEX) {
		for (i = nranges - 1; i >= 0; i--) {
			struct expr *r = ranges[i]->expr;
			bool inside = v >= range_bound(r->left.sym, base) && v <= range_bound(r->right.sym, base);

			ok = enc_ite(e, enc_expr(e, ranges[i]->visible.expr).g, inside ? e->t : -e->t, ok);
		}
	}
	return enc_and(e, enc_visibility(e, sym).g, ok);
}
