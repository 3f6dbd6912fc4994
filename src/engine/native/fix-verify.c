// SPDX-License-Identifier: GPL-2.0-only
/*
 * Judging a candidate fix by kconfig itself: apply it through the library exactly as the
 * session's `set` requests would, check the result, and put every user value back.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "lkc.h"
#include "frontend.h"
#include "fix.h"

#ifdef TUX_HAVE_CHOICE_SET_VALUE
#include <list.h>
#endif

struct saved_user {
	int flags; /* SYMBOL_DEF_USER or 0 */
	tristate tri;
	/* The library's own pointer: an int/hex/string user value, or a 6.1 choice's chosen member. */
	void *val;
};

/* Everything sym_calc_value computes for a symbol. */
struct saved_computed {
	struct symbol_value curr;
	tristate visible, dir, rev, implied;
	int flags;
};

struct saved_tri {
	tristate *at;
	tristate tri;
};

#ifdef TUX_HAVE_EXPR_CACHE
struct saved_expr {
	struct expr *e;
	tristate val;
	bool valid;
};
#endif

/*
 * The library's whole state as far as values go: user values (and 6.12's choice priority
 * order), and everything computed from them (values, visibilities, flags, the cached
 * conditions of properties and, in 6.12, of expressions). Putting all of it back, rather
 * than recomputing, gives the exact state before a trial: kconfig's results can depend on the
 * order things were computed in (a symbol being computed still shows its old value to the
 * expressions that reach it again), so a recomputation may differ in visibility quirks.
 */
struct snapshot {
	struct symbol **all; /* syms[] then the choice symbols */
	int count;
	struct saved_user *user;
	struct saved_computed *computed;
	struct saved_tri *tris;
	size_t ntris, tris_cap;
	unsigned int *menu_flags;
	char **values; /* per syms[] index: the value before, as text */
#ifdef TUX_HAVE_EXPR_CACHE
	struct saved_expr *exprs;
	size_t nexprs, exprs_cap;
	struct expr **seen;
	size_t seen_slots, seen_used;
#endif
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	struct symbol ***order; /* per node id, for choice nodes: members in priority order */
	int *order_count;
#endif
};

static bool holds_string(const struct symbol *sym) { return sym->type == S_INT || sym->type == S_HEX || sym->type == S_STRING; }

static void save_tri(struct snapshot *s, tristate *at)
{
	s->tris = tux_reserve(s->tris, &s->tris_cap, s->ntris + 1, sizeof(*s->tris), 4096);
	s->tris[s->ntris].at = at;
	s->tris[s->ntris].tri = *at;
	s->ntris++;
}

#ifdef TUX_HAVE_EXPR_CACHE
static size_t expr_mix(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 31;
	x *= 0x7fb5d329728ea185ULL;
	x ^= x >> 27;
	return (size_t)x;
}

/* Whether e was seen already; marks it seen. */
static bool seen_before(struct snapshot *s, struct expr *e)
{
	size_t i;

	if ((s->seen_used + 1) * 2 > s->seen_slots) {
		struct expr **old = s->seen;
		size_t n = s->seen_slots, j;

		s->seen_slots = n ? n * 2 : 1 << 16;
		s->seen = tux_zalloc(s->seen_slots, sizeof(*s->seen));
		for (j = 0; j < n; j++) {
			if (!old[j])
				continue;
			for (i = expr_mix(old[j]) & (s->seen_slots - 1); s->seen[i]; i = (i + 1) & (s->seen_slots - 1))
				;
			s->seen[i] = old[j];
		}
		free(old);
	}
	for (i = expr_mix(e) & (s->seen_slots - 1); s->seen[i]; i = (i + 1) & (s->seen_slots - 1))
		if (s->seen[i] == e)
			return true;
	s->seen[i] = e;
	s->seen_used++;
	return false;
}

static void save_expr(struct snapshot *s, struct expr *e)
{
	while (e && !seen_before(s, e)) {
		s->exprs = tux_reserve(s->exprs, &s->exprs_cap, s->nexprs + 1, sizeof(*s->exprs), 1 << 14);
		s->exprs[s->nexprs].e = e;
		s->exprs[s->nexprs].val = e->val;
		s->exprs[s->nexprs].valid = e->val_is_valid;
		s->nexprs++;
		switch (e->type) {
		case E_NOT:
			e = e->left.expr;
			continue;
		case E_AND:
		case E_OR:
			save_expr(s, e->left.expr);
			e = e->right.expr;
			continue;
		default:
			return;
		}
	}
}
#else
static void save_expr(struct snapshot *s, struct expr *e)
{
	(void)s;
	(void)e;
}
#endif

static void save_symbol(struct snapshot *s, int i)
{
	struct symbol *sym = s->all[i];
	struct saved_computed *c = &s->computed[i];
	struct saved_user *u = &s->user[i];
	struct property *prop;

	u->flags = sym->flags & SYMBOL_DEF_USER;
	u->tri = sym->def[S_DEF_USER].tri;
	u->val = sym->def[S_DEF_USER].val;
	/* The library frees a user value it replaces, and computed values may point at it: give it a copy to free. */
	if (holds_string(sym) && u->val)
		sym->def[S_DEF_USER].val = tux_strdup(u->val);
	c->curr = sym->curr;
	c->visible = sym->visible;
	c->dir = sym->dir_dep.tri;
	c->rev = sym->rev_dep.tri;
	c->implied = sym->implied.tri;
	c->flags = sym->flags;
	for (prop = sym->prop; prop; prop = prop->next) {
		save_tri(s, &prop->visible.tri);
		save_expr(s, prop->expr);
		save_expr(s, prop->visible.expr);
	}
	save_expr(s, sym->dir_dep.expr);
	save_expr(s, sym->rev_dep.expr);
	save_expr(s, sym->implied.expr);
}

struct snapshot *snapshot_take(void)
{
	struct snapshot *s = tux_zalloc(1, sizeof(*s));
	int i, n = 0;

	for (i = 0; i < sym_count; i++)
		sym_calc_value(syms[i]);
	for (i = 0; i < node_count; i++)
		n += is_choice_node(nodes[i]);
	s->all = tux_alloc((size_t)(sym_count + n) * sizeof(*s->all));
	memcpy(s->all, syms, (size_t)sym_count * sizeof(*s->all));
	s->count = sym_count;
	for (i = 0; i < node_count; i++)
		if (is_choice_node(nodes[i]))
			s->all[s->count++] = nodes[i]->sym;
	s->user = tux_zalloc((size_t)s->count, sizeof(*s->user));
	s->computed = tux_zalloc((size_t)s->count, sizeof(*s->computed));
	s->values = tux_zalloc((size_t)sym_count, sizeof(*s->values));
	s->menu_flags = tux_zalloc((size_t)node_count, sizeof(*s->menu_flags));
	for (i = 0; i < sym_count; i++)
		s->values[i] = tux_strdup(sym_get_string_value(syms[i]));
	for (i = 0; i < s->count; i++)
		save_symbol(s, i);
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	s->order = tux_zalloc((size_t)node_count, sizeof(*s->order));
	s->order_count = tux_zalloc((size_t)node_count, sizeof(*s->order_count));
#endif
	for (i = 0; i < node_count; i++) {
		struct menu *m = nodes[i];

		s->menu_flags[i] = m->flags;
		if (m->prompt && !m->sym) {
			save_tri(s, &m->prompt->visible.tri);
			save_expr(s, m->prompt->visible.expr);
		}
		save_expr(s, m->dep);
		save_expr(s, m->visibility);
#ifdef TUX_HAVE_CHOICE_SET_VALUE
		if (is_choice_node(m)) {
			struct symbol *sym;
			size_t cap = 0;

			list_for_each_entry(sym, &m->choice_members, choice_link) {
				s->order[i] = tux_reserve(s->order[i], &cap, (size_t)s->order_count[i] + 1, sizeof(*s->order[i]), 8);
				s->order[i][s->order_count[i]++] = sym;
			}
		}
#endif
	}
	return s;
}

/* sym_get_type() reads a copy of MODULES' value kept inside symbol.c: make it agree with MODULES again. */
static bool sync_modules(struct snapshot *s)
{
	struct saved_computed saved;
	int i, idx;

	if (!modules_sym || (idx = sym_index(modules_sym)) < 0)
		return false;
	for (i = 0; i < sym_count; i++)
		if (syms[i]->type == S_TRISTATE)
			break;
	if (i == sym_count || (sym_get_type(syms[i]) == S_BOOLEAN) == (modules_sym->curr.tri == no))
		return false;
	/* Recomputing MODULES with a different previous value updates the copy; then put everything back. */
	saved = s->computed[idx];
	modules_sym->flags &= ~SYMBOL_VALID;
	modules_sym->curr.tri = modules_sym->curr.tri == no ? yes : no;
	sym_calc_value(modules_sym);
	modules_sym->curr = saved.curr;
	modules_sym->visible = saved.visible;
	modules_sym->dir_dep.tri = saved.dir;
	modules_sym->rev_dep.tri = saved.rev;
	modules_sym->implied.tri = saved.implied;
	modules_sym->flags = saved.flags;
	return true;
}

/* The cached conditions of properties and expressions, and the menus' flags. */
static void restore_caches(struct snapshot *s)
{
	size_t k;
	int i;

	for (k = 0; k < s->ntris; k++)
		*s->tris[k].at = s->tris[k].tri;
	for (i = 0; i < node_count; i++)
		nodes[i]->flags = s->menu_flags[i];
#ifdef TUX_HAVE_EXPR_CACHE
	for (k = 0; k < s->nexprs; k++) {
		s->exprs[k].e->val = s->exprs[k].val;
		s->exprs[k].e->val_is_valid = s->exprs[k].valid;
	}
#endif
}

const char *snapshot_restore(struct snapshot *s)
{
	int i;

	for (i = 0; i < s->count; i++) {
		struct symbol *sym = s->all[i];
		struct saved_computed *c = &s->computed[i];
		struct saved_user *u = &s->user[i];
		void *now = sym->def[S_DEF_USER].val;

		if (holds_string(sym)) {
			/* The trial's value (or the copy it was given) goes; a new copy for the next trial. */
			if (now != u->val)
				free(now);
			sym->def[S_DEF_USER].val = u->val ? tux_strdup(u->val) : NULL;
		} else {
			sym->def[S_DEF_USER].val = u->val;
		}
		sym->def[S_DEF_USER].tri = u->tri;
		sym->curr = c->curr;
		sym->visible = c->visible;
		sym->dir_dep.tri = c->dir;
		sym->rev_dep.tri = c->rev;
		sym->implied.tri = c->implied;
		sym->flags = c->flags;
	}
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	for (i = 0; i < node_count; i++) {
		int j;

		if (!is_choice_node(nodes[i]))
			continue;
		INIT_LIST_HEAD(&nodes[i]->choice_members);
		for (j = 0; j < s->order_count[i]; j++)
			list_add_tail(&s->order[i][j]->choice_link, &nodes[i]->choice_members);
	}
#endif
	restore_caches(s);
	if (sync_modules(s))
		restore_caches(s);
	for (i = 0; i < sym_count; i++)
		if (strcmp(sym_get_string_value(syms[i]), s->values[i]))
			return syms[i]->name;
	return NULL;
}

/* Gives the library its own user values back: the trial copies go. */
void snapshot_free(struct snapshot *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < s->count; i++) {
		struct symbol *sym = s->all[i];

		if (holds_string(sym) && sym->def[S_DEF_USER].val != s->user[i].val) {
			free(sym->def[S_DEF_USER].val);
			sym->def[S_DEF_USER].val = s->user[i].val;
		}
	}
	for (i = 0; i < sym_count; i++)
		free(s->values[i]);
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	for (i = 0; i < node_count; i++)
		free(s->order[i]);
	free(s->order);
	free(s->order_count);
#endif
#ifdef TUX_HAVE_EXPR_CACHE
	free(s->exprs);
	free(s->seen);
#endif
	free(s->all);
	free(s->user);
	free(s->computed);
	free(s->tris);
	free(s->menu_flags);
	free(s->values);
	free(s);
}

const char *snapshot_value(const struct snapshot *s, int sym_idx) { return s->values[sym_idx]; }

/* Whether sym holds `want`, as the session checks it after a batch (hex: case and 0x aside). */
bool value_matches(struct symbol *sym, const char *want)
{
	const char *have;

	sym_calc_value(sym);
	have = sym_get_string_value(sym);
	if (sym->type == S_HEX) {
		if (!strncasecmp(have, "0x", 2))
			have += 2;
		if (!strncasecmp(want, "0x", 2))
			want += 2;
		return !strcasecmp(have, want);
	}
	return !strcmp(have, want);
}

/*
 * Whether a request would set the symbol's user value now. `set` also takes a request that
 * cannot be set when the symbol already has the value, without recording it: applied too
 * early, such a request is lost (MEDIA_SUPPORT_FILTER=n before MEDIA_SUPPORT is on).
 */
static bool takes_now(struct symbol *sym, const char *want)
{
	bool ok;
	tristate t;

	sym_calc_value(sym);
	if (sym->type == S_BOOLEAN || sym->type == S_TRISTATE) {
		t = parse_tri(want, &ok);
		if (!ok)
			return false;
		if (choice_menu_of(sym))
			return t == yes && sym->visible != no && sym_get_tristate_value(sym) != yes;
		return sym_tristate_within_range(sym, t);
	}
	return sym->visible != no && sym_string_within_range(sym, want);
}

/* A target of the search holds: its value, or for an at-least target that value or above. */
bool check_holds(const struct verify_check *c)
{
	bool ok;
	tristate want;

	if (!c->at_least)
		return value_matches(c->sym, c->want);
	want = parse_tri(c->want, &ok);
	sym_calc_value(c->sym);
	return ok && sym_get_tristate_value(c->sym) >= want;
}

enum verify_result verify_candidate(struct candidate_change *changes, int count, const struct verify_check *targets,
				    int target_count, struct symbol **protect, int protect_count, bool *moved,
				    const struct snapshot *before, struct symbol **culprit)
{
	struct candidate_change *order = tux_alloc((size_t)(count ? count : 1) * sizeof(*order));
	bool *done = tux_zalloc((size_t)(count ? count : 1), sizeof(*done));
	int applied = 0, i;
	bool progress = true;
	enum verify_result result = VERIFY_OK;

	/*
	 * An order in which every request takes when its turn comes: passes applying those that
	 * take now. The changes are handed back in that order, so that the session's batch (which
	 * tries them in order, in passes) goes exactly the same way in its first pass.
	 */
	while (progress) {
		progress = false;
		for (i = 0; i < count; i++) {
			if (done[i] || !takes_now(changes[i].sym, changes[i].to))
				continue;
			if (apply_value(changes[i].sym, changes[i].to))
				continue;
			done[i] = true;
			order[applied++] = changes[i];
			progress = true;
		}
	}
	/* The rest must already hold their values (`set` takes them as they are), else they are refused. */
	for (i = 0; i < count; i++) {
		if (done[i])
			continue;
		order[applied++] = changes[i];
		if (apply_value(changes[i].sym, changes[i].to) && result == VERIFY_OK) {
			*culprit = changes[i].sym;
			result = VERIFY_REFUSED;
		}
	}
	memcpy(changes, order, (size_t)count * sizeof(*changes));
	free(order);
	free(done);
	if (result != VERIFY_OK)
		return result;
	for (i = 0; i < count; i++) {
		if (!value_matches(changes[i].sym, changes[i].to)) {
			*culprit = changes[i].sym;
			return VERIFY_NOT_HELD;
		}
	}
	for (i = 0; i < target_count; i++) {
		if (!check_holds(&targets[i])) {
			*culprit = targets[i].sym;
			return VERIFY_TARGET;
		}
	}
	for (i = 0; i < protect_count; i++) {
		int idx = sym_index(protect[i]);

		moved[i] = idx >= 0 && !value_matches(protect[i], snapshot_value(before, idx));
		if (moved[i] && result == VERIFY_OK) {
			*culprit = protect[i];
			result = VERIFY_PROTECTED;
		}
	}
	return result;
}
