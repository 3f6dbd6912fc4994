// SPDX-License-Identifier: GPL-2.0-only
/*
 * Judging a candidate fix by kconfig itself: apply it through the library exactly as the
 * session's `set` requests would, check the result, and put every user value back.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
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
	/* int/hex/string: a copy of the user value; 6.1 choices: the chosen member. */
	void *val;
};

struct snapshot {
	struct saved_user *named;  /* per syms[] index */
	char **values;             /* per syms[] index: the value before */
	struct saved_user *choices; /* per node id, for choice nodes */
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	struct symbol ***order;    /* per node id, for choice nodes: members in priority order */
	int *order_count;
#endif
};

static bool holds_string(const struct symbol *sym) { return sym->type == S_INT || sym->type == S_HEX || sym->type == S_STRING; }

static void save_user(struct symbol *sym, struct saved_user *u)
{
	u->flags = sym->flags & SYMBOL_DEF_USER;
	u->tri = sym->def[S_DEF_USER].tri;
	if (holds_string(sym))
		u->val = sym->def[S_DEF_USER].val ? tux_strdup(sym->def[S_DEF_USER].val) : NULL;
	else
		u->val = sym->def[S_DEF_USER].val;
}

struct snapshot *snapshot_take(void)
{
	struct snapshot *s = tux_zalloc(1, sizeof(*s));
	int i;

	s->named = tux_zalloc((size_t)sym_count, sizeof(*s->named));
	s->values = tux_zalloc((size_t)sym_count, sizeof(*s->values));
	s->choices = tux_zalloc((size_t)node_count, sizeof(*s->choices));
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	s->order = tux_zalloc((size_t)node_count, sizeof(*s->order));
	s->order_count = tux_zalloc((size_t)node_count, sizeof(*s->order_count));
#endif
	for (i = 0; i < sym_count; i++) {
		save_user(syms[i], &s->named[i]);
		sym_calc_value(syms[i]);
		s->values[i] = tux_strdup(sym_get_string_value(syms[i]));
	}
	for (i = 0; i < node_count; i++) {
		if (!is_choice_node(nodes[i]))
			continue;
		save_user(nodes[i]->sym, &s->choices[i]);
#ifdef TUX_HAVE_CHOICE_SET_VALUE
		{
			struct symbol *sym;
			size_t cap = 0;

			list_for_each_entry(sym, &nodes[i]->choice_members, choice_link) {
				s->order[i] = tux_reserve(s->order[i], &cap, (size_t)s->order_count[i] + 1, sizeof(*s->order[i]), 8);
				s->order[i][s->order_count[i]++] = sym;
			}
		}
#endif
	}
	return s;
}

static void restore_user(struct symbol *sym, const struct saved_user *u)
{
	sym->flags = (sym->flags & ~SYMBOL_DEF_USER) | u->flags;
	sym->def[S_DEF_USER].tri = u->tri;
	if (holds_string(sym)) {
		char *old = sym->def[S_DEF_USER].val;

		if (old == u->val || (old && u->val && !strcmp(old, u->val)))
			return;
		/* As sym_set_string_value does: the new copy in, the old one freed, all recomputed later. */
		sym->def[S_DEF_USER].val = u->val ? tux_strdup(u->val) : NULL;
		free(old);
	} else {
		sym->def[S_DEF_USER].val = u->val;
	}
}

const char *snapshot_restore(struct snapshot *s)
{
	int i;

	for (i = 0; i < sym_count; i++)
		restore_user(syms[i], &s->named[i]);
	for (i = 0; i < node_count; i++) {
		if (!is_choice_node(nodes[i]))
			continue;
		restore_user(nodes[i]->sym, &s->choices[i]);
#ifdef TUX_HAVE_CHOICE_SET_VALUE
		{
			int j;

			INIT_LIST_HEAD(&nodes[i]->choice_members);
			for (j = 0; j < s->order_count[i]; j++)
				list_add_tail(&s->order[i][j]->choice_link, &nodes[i]->choice_members);
		}
#endif
	}
	sym_clear_all_valid();
	for (i = 0; i < sym_count; i++) {
		sym_calc_value(syms[i]);
		if (strcmp(sym_get_string_value(syms[i]), s->values[i]))
			return syms[i]->name;
	}
	return NULL;
}

void snapshot_free(struct snapshot *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < sym_count; i++) {
		if (holds_string(syms[i]))
			free(s->named[i].val);
		free(s->values[i]);
	}
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	for (i = 0; i < node_count; i++)
		free(s->order[i]);
	free(s->order);
	free(s->order_count);
#endif
	free(s->named);
	free(s->values);
	free(s->choices);
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

enum verify_result verify_candidate(struct candidate_change *changes, int count, const struct verify_check *targets,
				    int target_count, struct symbol **protect, int protect_count,
				    const struct snapshot *before, struct symbol **culprit)
{
	int *waiting = tux_alloc((size_t)(count ? count : 1) * sizeof(*waiting));
	int nwaiting = count, i;
	bool progress = true;

	for (i = 0; i < count; i++)
		waiting[i] = i;
	/* The session's setMany: passes over the requests until one takes nothing more. */
	while (nwaiting > 0 && progress) {
		int next = 0;

		progress = false;
		for (i = 0; i < nwaiting; i++) {
			struct candidate_change *c = &changes[waiting[i]];

			if (!apply_value(c->sym, c->to))
				progress = true;
			else
				waiting[next++] = waiting[i];
		}
		nwaiting = next;
	}
	if (nwaiting > 0) {
		*culprit = changes[waiting[0]].sym;
		free(waiting);
		return VERIFY_REFUSED;
	}
	free(waiting);
	for (i = 0; i < count; i++) {
		if (!value_matches(changes[i].sym, changes[i].to)) {
			*culprit = changes[i].sym;
			return VERIFY_NOT_HELD;
		}
	}
	for (i = 0; i < target_count; i++) {
		if (!value_matches(targets[i].sym, targets[i].want)) {
			*culprit = targets[i].sym;
			return VERIFY_TARGET;
		}
	}
	for (i = 0; i < protect_count; i++) {
		int idx = sym_index(protect[i]);

		if (idx >= 0 && !value_matches(protect[i], snapshot_value(before, idx))) {
			*culprit = protect[i];
			return VERIFY_PROTECTED;
		}
	}
	return VERIFY_OK;
}
