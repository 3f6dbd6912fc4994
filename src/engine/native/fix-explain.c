// SPDX-License-Identifier: GPL-2.0-only
/*
 * What blocks a target that cannot be had: asking the solver about each failing dependency
 * term in turn, down to the symbol that ends it (one this architecture does not define,
 * BROKEN, a frozen or protected one, one without prompt that nothing can turn on ...), with
 * the path of terms from the target to it.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "lkc.h"
#include "frontend.h"
#include "fix.h"
#include "fix-search.h"


bool has_prompt_sym(struct symbol *sym)
{
	struct property *prop;

	for_all_prompts(sym, prop)
		return true;
	return false;
}

struct expr *first_prompt_condition(struct symbol *sym)
{
	struct property *prop;

	for_all_prompts(sym, prop)
		return prop->visible.expr;
	return NULL;
}

/* Whether `lit` can hold at all (frozen symbols stay as they are; nothing else is assumed). */
static bool can(struct search *s, int lit)
{
	if (lit == s->e.t)
		return true;
	if (lit == -s->e.t)
		return false;
	return solve(s, &lit, 1) != PICOSAT_UNSATISFIABLE;
}

const char *choice_prompt_of(struct symbol *sym)
{
	struct menu *m = choice_menu_of(sym);

	return m && m->prompt ? menu_get_prompt(m) : NULL;
}

/* What ends an explanation at a symbol, whatever direction it is needed in. */
static bool leaf(struct search *s, struct blocker *b, struct symbol *sym, bool up)
{
	int idx = sym_index(sym);

	if (idx < 0 || sym->type == S_UNKNOWN) {
		b->kind = "undefined";
		b->sym = NULL;
		b->name = sym->name;
		return true;
	}
	if (up && sym->name && !strcmp(sym->name, "BROKEN")) {
		b->kind = "broken";
		b->sym = sym;
		return true;
	}
	if (s->e.se[idx].frozen) {
		b->kind = "frozen";
		b->sym = sym;
		return true;
	}
	return false;
}

static void why_up(struct search *s, struct blocker *b, struct symbol *sym, tristate level, int depth);
static void why_down(struct search *s, struct blocker *b, struct symbol *sym, tristate level, int depth);

static void push_step(struct blocker *b, struct symbol *owner, struct expr *term, const char *relation)
{
	if (b->path_len >= MAX_PATH)
		return;
	b->path[b->path_len].sym = owner;
	b->path[b->path_len].term = expr_text(term);
	b->path[b->path_len].relation = relation;
	b->path_len++;
}

static bool term_can(struct search *s, struct expr *x, tristate level, bool up)
{
	struct tri v = enc_expr(&s->e, x);

	return can(s, up ? enc_at_least(&s->e, v, level) : enc_at_most(&s->e, v, level));
}

/* An expression no change can make hold: the explanation ends there, with the values it sees. */
static void term_leaf(struct blocker *b, struct expr *x)
{
	struct gstr gs = str_new();

	b->kind = "term";
	expr_gstr_print(x, &gs);
	free(b->term);
	b->term = tux_strdup(str_get(&gs));
	str_free(&gs);
}

static tristate constant_value(const struct symbol *sym, bool *is_const)
{
	*is_const = sym == &symbol_yes || sym == &symbol_mod || sym == &symbol_no;
	return sym == &symbol_yes ? yes : sym == &symbol_mod ? mod : no;
}

/*
 * `X=y`, `X!=n` and their kin, where X is a bool or tristate: what X must be for the term
 * to hold (up) or to fail (down), explained as a need of X itself.
 */
static bool why_comparison(struct search *s, struct blocker *b, struct expr *x, bool up, int depth)
{
	struct symbol *sym = x->left.sym, *other = x->right.sym;
	bool is_const, equal = x->type == E_EQUAL;
	tristate v = constant_value(other, &is_const);

	if (!is_const) {
		sym = x->right.sym;
		v = constant_value(x->left.sym, &is_const);
	}
	if (!is_const || !enc_is_tristate_type(sym) || v == mod)
		return false;
	/* Whether the term needs X high (y or at least m) or low; the level it needs. */
	if (equal == up) {
		/* X = v must hold (or X != v fail): X = y needs X up to y, X = n needs X down to n. */
		if (v == yes)
			why_up(s, b, sym, yes, depth + 1);
		else
			why_down(s, b, sym, no, depth + 1);
	} else {
		/* X != v must hold (or X = v fail): X != n needs X up to m, X != y needs X down to m. */
		if (v == no)
			why_up(s, b, sym, mod, depth + 1);
		else
			why_down(s, b, sym, mod, depth + 1);
	}
	return true;
}

/* Why `x` cannot be at least (up) or at most (down) `level`. */
static void why_term(struct search *s, struct blocker *b, struct expr *x, tristate level, bool up, int depth)
{
	struct expr *parts[64];
	int n = 0, i;

	if (depth > MAX_DEPTH) {
		term_leaf(b, x);
		return;
	}
	switch (x->type) {
	case E_SYMBOL:
		if (up)
			why_up(s, b, x->left.sym, level, depth + 1);
		else
			why_down(s, b, x->left.sym, level, depth + 1);
		return;
	case E_NOT:
		why_term(s, b, x->left.expr, (tristate)(2 - level), !up, depth + 1);
		return;
	case E_AND:
	case E_OR:
		break;
	case E_EQUAL:
	case E_UNEQUAL:
		if (why_comparison(s, b, x, up, depth))
			return;
		term_leaf(b, x);
		return;
	default:
		term_leaf(b, x);
		return;
	}
	/* Flatten the operator; for "at least" of && (or "at most" of ||) one part is what fails. */
	{
		struct expr *stack[64];
		int sp = 0;

		stack[sp++] = x;
		while (sp && n < 64) {
			struct expr *t = stack[--sp];

			if (t->type == x->type && sp < 62) {
				stack[sp++] = t->right.expr;
				stack[sp++] = t->left.expr;
			} else {
				parts[n++] = t;
			}
		}
	}
	if ((x->type == E_AND) == up) {
		for (i = 0; i < n; i++)
			if (!term_can(s, parts[i], level, up)) {
				why_term(s, b, parts[i], level, up, depth + 1);
				return;
			}
		term_leaf(b, x);
		return;
	}
	/* Every alternative fails: prefer the one that says "not on this architecture". */
	{
		int base = b->path_len, k;

		for (i = 0; i < n; i++) {
			struct blocker alt;
			bool take;

			memset(&alt, 0, sizeof(alt));
			why_term(s, &alt, parts[i], level, up, depth + 1);
			take = i == 0 || (alt.kind && !strcmp(alt.kind, "undefined"));
			if (take) {
				/* The chosen alternative's steps follow the steps that led here. */
				for (k = base; k < b->path_len; k++)
					free(b->path[k].term);
				b->path_len = base;
				for (k = 0; k < alt.path_len; k++) {
					if (b->path_len < MAX_PATH)
						b->path[b->path_len++] = alt.path[k];
					else
						free(alt.path[k].term);
				}
				b->kind = alt.kind;
				b->sym = alt.sym;
				b->name = alt.name;
				b->choice = alt.choice;
				free(b->term);
				b->term = alt.term;
			} else {
				for (k = 0; k < alt.path_len; k++)
					free(alt.path[k].term);
				free(alt.term);
			}
			if (take && alt.kind && !strcmp(alt.kind, "undefined"))
				break;
		}
	}
}

/* The first part of `x` (split at &&) that cannot be at least `level`, explained. */
static bool why_condition(struct search *s, struct blocker *b, struct symbol *owner, struct expr *x, tristate level,
			  const char *relation, int depth)
{
	struct expr *stack[64], *t;
	int sp = 0;

	if (!x)
		return false;
	stack[sp++] = x;
	while (sp) {
		t = stack[--sp];
		if (t->type == E_AND && sp < 62) {
			stack[sp++] = t->right.expr;
			stack[sp++] = t->left.expr;
			continue;
		}
		if (!term_can(s, t, level, true)) {
			push_step(b, owner, t, relation);
			why_term(s, b, t, level, true, depth);
			return true;
		}
	}
	return false;
}

static void why_up(struct search *s, struct blocker *b, struct symbol *sym, tristate level, int depth)
{
	struct sym_enc *se;

	if (leaf(s, b, sym, true))
		return;
	b->sym = sym;
	if (depth > MAX_DEPTH || !enc_is_tristate_type(sym)) {
		b->kind = "term";
		return;
	}
	se = &s->e.se[sym_index(sym)];
	if (has_prompt_sym(sym)) {
		if (!can(s, enc_at_least(&s->e, se->vis, choice_menu_of(sym) ? yes : level)) &&
		    why_condition(s, b, sym, first_prompt_condition(sym), choice_menu_of(sym) ? yes : level, "depends-on", depth))
			return;
		if (choice_menu_of(sym)) {
			b->kind = "choice";
			b->choice = choice_prompt_of(sym);
			return;
		}
		b->kind = "unreachable";
		return;
	}
	if (why_condition(s, b, sym, sym->dir_dep.expr, level, "depends-on", depth))
		return;
	b->kind = "no-prompt";
}

static void why_down(struct search *s, struct blocker *b, struct symbol *sym, tristate level, int depth)
{
	struct sym_enc *se;

	if (leaf(s, b, sym, false))
		return;
	b->sym = sym;
	if (depth > MAX_DEPTH || !enc_is_tristate_type(sym)) {
		b->kind = "term";
		return;
	}
	se = &s->e.se[sym_index(sym)];
	if (!can(s, enc_at_most(&s->e, se->rev, level)) && sym->rev_dep.expr) {
		struct expr *stack[256], *t;
		int sp = 0;

		stack[sp++] = sym->rev_dep.expr;
		while (sp) {
			t = stack[--sp];
			if (t->type == E_OR && sp < 254) {
				stack[sp++] = t->right.expr;
				stack[sp++] = t->left.expr;
				continue;
			}
			if (!term_can(s, t, level, false)) {
				push_step(b, sym, t, "selected-by");
				why_term(s, b, t, level, false, depth);
				if (b->kind && (!strcmp(b->kind, "term") || !strcmp(b->kind, "unreachable")))
					b->kind = "selected";
				return;
			}
		}
		b->kind = "selected";
		return;
	}
	if (!has_prompt_sym(sym) || !can(s, se->vis.g)) {
		b->kind = "default";
		return;
	}
	b->kind = "unreachable";
}

static void active_range(struct symbol *sym, struct blocker *b)
{
	struct property *prop = sym_get_range_prop(sym);

	if (!prop)
		return;
	sym_calc_value(prop->expr->left.sym);
	sym_calc_value(prop->expr->right.sym);
	b->range[0] = tux_strdup(sym_get_string_value(prop->expr->left.sym));
	b->range[1] = tux_strdup(sym_get_string_value(prop->expr->right.sym));
}

static void explain_intrinsic(struct search *s, struct target *t)
{
	struct blocker *b = &t->b;

	if (!t->is_tri) {
		if (!can(s, enc_visibility(&s->e, t->sym).g) && has_prompt_sym(t->sym) &&
		    why_condition(s, b, t->sym, first_prompt_condition(t->sym), mod, "depends-on", 0))
			return;
		if (!has_prompt_sym(t->sym)) {
			b->kind = "no-prompt";
			b->sym = t->sym;
			return;
		}
		b->kind = "out-of-range";
		active_range(t->sym, b);
		return;
	}
	if (t->tri > no && !can(s, enc_at_least(&s->e, enc_value(&s->e, t->sym), t->tri)))
		why_up(s, b, t->sym, t->tri, 0);
	else if (t->tri < yes && !can(s, enc_at_most(&s->e, enc_value(&s->e, t->sym), t->tri)))
		why_down(s, b, t->sym, t->tri, 0);
	else
		b->kind = "unreachable";
	if (!b->kind)
		b->kind = "unreachable";
}

/* A target that cannot be had with the others (or with the protected symbols): who it conflicts with. */
static void explain_conflict(struct search *s, struct target *t)
{
	struct ivec a = { NULL, 0, 0 };
	struct symbol **with = NULL;
	size_t cap = 0;
	int i;

	for (i = 0; i < s->ntargets; i++)
		if (&s->targets[i] != t && s->targets[i].lit && s->targets[i].status != T_IMPOSSIBLE)
			ivec_push(&a, s->targets[i].lit);
	if (s->strict)
		for (i = 0; i < s->nprotect; i++)
			if (s->plit[i])
				ivec_push(&a, s->plit[i]);
	ivec_push(&a, t->lit);
	if (solve(s, a.v, a.n) == PICOSAT_UNSATISFIABLE) {
		for (i = 0; i < s->nprotect; i++) {
			if (!s->strict || !s->plit[i] || !picosat_failed_assumption(s->e.ps, s->plit[i]))
				continue;
			t->b.kind = choice_menu_of(s->protect[i]) ? "pinned-choice" : "protected";
			t->b.sym = s->protect[i];
			t->b.choice = choice_prompt_of(s->protect[i]);
			free(a.v);
			return;
		}
		for (i = 0; i < s->ntargets; i++) {
			struct target *o = &s->targets[i];

			if (o == t || !o->lit || o->status == T_IMPOSSIBLE || !picosat_failed_assumption(s->e.ps, o->lit))
				continue;
			with = tux_reserve(with, &cap, (size_t)t->b.with_count + 1, sizeof(*with), 4);
			with[t->b.with_count++] = o->sym;
			if (choice_menu_of(o->sym) && choice_menu_of(o->sym) == choice_menu_of(t->sym))
				t->b.choice = choice_prompt_of(t->sym);
		}
	}
	free(a.v);
	t->b.kind = "conflict";
	t->b.with = with;
}

void explain(struct search *s, struct target *t)
{
	if (can(s, t->lit))
		explain_conflict(s, t);
	else
		explain_intrinsic(s, t);
}

