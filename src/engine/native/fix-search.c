// SPDX-License-Identifier: GPL-2.0-only
/*
 * The `fix` request: which user values to change so that the targets hold.
 *
 *  1. The targets that can be had: a greedy maximal satisfiable subset of the target literals
 *     (in the order given) with PicoSAT's incremental assumptions; the rest are explained.
 *  2. Protected symbols (the session's own changes) stay as they are unless no fix exists
 *     otherwise (then the answer names them); with `flag` they are never touched.
 *  3. The nearest fix: the smallest distance d from the targets such that changing symbols
 *     within d suffices; then a maximal satisfiable subset of "this symbol keeps its user
 *     value" (farthest first), i.e. a minimal correction set; then m where m is enough.
 *  4. The candidate is applied through kconfig (fix-verify.c); one that kconfig does not
 *     accept is excluded by a clause and the solver asked again, a bounded number of times.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <time.h>

#include "lkc.h"
#include "frontend.h"
#include "fix.h"
#include "fix-search.h"

double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int interrupted(void *data)
{
	struct search *s = data;

	return now_ms() > s->deadline;
}

void ivec_push(struct ivec *a, int x)
{
	a->v = tux_reserve(a->v, &a->cap, a->n + 1, sizeof(*a->v), 64);
	a->v[a->n++] = x;
}

/* ---------------------------------------------------------------- solving */

int solve(struct search *s, const int *lits, size_t n)
{
	size_t i;
	int res;

	for (i = 0; i < n; i++)
		picosat_assume(s->e.ps, lits[i]);
	res = picosat_sat(s->e.ps, -1);
	if (res == PICOSAT_UNKNOWN)
		s->timed_out = true;
	return res;
}

/*
 * A greedy maximal satisfiable subset of `soft` under `hard`, earlier ones first (the
 * algorithm of picosat_maximal_satisfiable_subset_of_assumptions, with the hard assumptions
 * kept and the time budget honoured). On PICOSAT_SATISFIABLE the solver holds a model of
 * hard + kept.
 */
static int mss(struct search *s, const struct ivec *hard, const int *soft, size_t ns, bool *kept)
{
	struct ivec a = { NULL, 0, 0 };
	size_t i, j;
	int res;

	memset(kept, 0, ns * sizeof(*kept));
	for (i = 0; i < hard->n; i++)
		ivec_push(&a, hard->v[i]);
	for (i = 0; i < ns; i++)
		ivec_push(&a, soft[i]);
	res = solve(s, a.v, a.n);
	if (res == PICOSAT_SATISFIABLE) {
		for (i = 0; i < ns; i++)
			kept[i] = true;
		free(a.v);
		return res;
	}
	if (res == PICOSAT_UNKNOWN || solve(s, hard->v, hard->n) != PICOSAT_SATISFIABLE) {
		free(a.v);
		return s->timed_out ? PICOSAT_UNKNOWN : PICOSAT_UNSATISFIABLE;
	}
	for (j = 0; j < ns; j++)
		kept[j] = picosat_deref(s->e.ps, soft[j]) > 0;
	for (i = 0; i < ns; i++) {
		if (kept[i])
			continue;
		a.n = hard->n;
		for (j = 0; j < ns; j++)
			if (kept[j])
				ivec_push(&a, soft[j]);
		ivec_push(&a, soft[i]);
		res = solve(s, a.v, a.n);
		if (res == PICOSAT_UNKNOWN) {
			free(a.v);
			return res;
		}
		if (res != PICOSAT_SATISFIABLE)
			continue;
		kept[i] = true;
		for (j = i + 1; j < ns; j++)
			if (!kept[j] && picosat_deref(s->e.ps, soft[j]) > 0)
				kept[j] = true;
	}
	a.n = hard->n;
	for (j = 0; j < ns; j++)
		if (kept[j])
			ivec_push(&a, soft[j]);
	res = solve(s, a.v, a.n);
	free(a.v);
	return res;
}

/* ---------------------------------------------------------------- reading the request */

static char *next_token(char **cursor)
{
	char *p = *cursor, *start;

	while (*p && isspace((unsigned char)*p))
		p++;
	if (!*p)
		return NULL;
	start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (*p)
		*p++ = 0;
	*cursor = p;
	return start;
}

static struct symbol **read_names(const char *text, int *count)
{
	char *copy = tux_strdup(text ? text : ""), *cursor = copy, *name;
	struct symbol **out = NULL;
	size_t cap = 0;

	*count = 0;
	while ((name = next_token(&cursor))) {
		struct symbol *sym = find_named(name);

		if (!sym)
			continue;
		out = tux_reserve(out, &cap, (size_t)*count + 1, sizeof(*out), 8);
		out[(*count)++] = sym;
	}
	free(copy);
	return out;
}

static void read_targets(struct search *s, const char *text)
{
	const char *line = text;
	size_t cap = 0;

	while (*line) {
		const char *end = strchr(line, '\n'), *eq;
		size_t len = end ? (size_t)(end - line) : strlen(line);
		struct target *t;

		eq = memchr(line, '=', len);
		if (len && eq) {
			bool at_least = eq > line && eq[-1] == '>';

			s->targets = tux_reserve(s->targets, &cap, (size_t)s->ntargets + 1, sizeof(*s->targets), 8);
			t = &s->targets[s->ntargets++];
			memset(t, 0, sizeof(*t));
			t->at_least = at_least;
			t->name = tux_format("%.*s", (int)(eq - line - at_least), line);
			t->want = tux_format("%.*s", (int)(len - (size_t)(eq - line) - 1), eq + 1);
			t->sym = find_named(t->name);
		}
		if (!end)
			break;
		line = end + 1;
	}
}

/* Targets that need no solver to judge: unknown, invalid, already held. */
static void precheck(struct target *t)
{
	bool ok;

	if (!t->sym) {
		t->status = T_IMPOSSIBLE;
		t->b.kind = "unknown";
		t->b.name = t->name;
		return;
	}
	if (enc_is_tristate_type(t->sym)) {
		t->is_tri = true;
		t->tri = parse_tri(t->want, &ok);
		if (!ok || (t->sym->type == S_BOOLEAN && t->tri == mod)) {
			t->status = T_IMPOSSIBLE;
			t->b.kind = "invalid";
			return;
		}
	} else if (t->at_least || !sym_string_valid(t->sym, t->want) || t->sym->type == S_UNKNOWN) {
		t->status = T_IMPOSSIBLE;
		t->b.kind = "invalid";
		return;
	}
	if (check_holds(&(struct verify_check){ t->sym, t->want, t->at_least }))
		t->status = T_MET;
}

/* ---------------------------------------------------------------- the search */

static int decision_order(const void *a, const void *b)
{
	const struct decision *x = a, *y = b;
	int kx = x->sym >= 0 ? x->sym : sym_count + x->choice, ky = y->sym >= 0 ? y->sym : sym_count + y->choice;

	if (x->dist != y->dist)
		return y->dist - x->dist;
	return kx - ky;
}

/* Every user value that may change, farthest from the targets first. */
static void collect_decisions(struct search *s)
{
	size_t cap = 0;
	int i;

	for (i = 0; i < sym_count; i++) {
		if (!s->e.se[i].change)
			continue;
		s->dec = tux_reserve(s->dec, &cap, (size_t)s->ndec + 1, sizeof(*s->dec), 64);
		s->dec[s->ndec++] = (struct decision){ s->e.se[i].change, s->e.se[i].dist, i, -1 };
	}
	for (i = 0; i < s->e.choice_count; i++) {
		if (!s->e.choices[i].change)
			continue;
		s->dec = tux_reserve(s->dec, &cap, (size_t)s->ndec + 1, sizeof(*s->dec), 64);
		s->dec[s->ndec++] = (struct decision){ s->e.choices[i].change, s->e.choices[i].dist, -1, i };
	}
	qsort(s->dec, (size_t)s->ndec, sizeof(*s->dec), decision_order);
}

static bool truth(struct search *s, int lit) { return picosat_deref(s->e.ps, lit) > 0; }

static void free_changes(struct search *s)
{
	int i;

	for (i = 0; i < s->nchanges; i++)
		free(s->changes[i].to);
	free(s->changes);
	s->changes = NULL;
	s->nchanges = 0;
}

static struct search *ordering;

/* Dependencies before dependents, so that each change takes in its turn. */
static int change_order(const void *a, const void *b)
{
	const struct candidate_change *x = a, *y = b;
	int ix = sym_index(x->sym), iy = sym_index(y->sym);
	int rx = ordering->e.se[ix].dist >= 0 ? ordering->e.se[ix].topo : 1 << 30;
	int ry = ordering->e.se[iy].dist >= 0 ? ordering->e.se[iy].topo : 1 << 30;

	return rx != ry ? (rx > ry) - (rx < ry) : ix - iy;
}

/* The changes the solver's model makes, in the order they are applied: dependencies first. */
static void read_candidate(struct search *s)
{
	size_t cap = 0;
	int i, k;

	free_changes(s);
	for (i = 0; i < s->ndec; i++) {
		struct decision *d = &s->dec[i];
		struct candidate_change c = { NULL, NULL, d->dist };

		if (!truth(s, d->lit))
			continue;
		if (d->sym >= 0) {
			struct sym_enc *se = &s->e.se[d->sym];

			c.sym = syms[d->sym];
			c.to = tux_strdup(truth(s, se->user.y) ? "y" : truth(s, se->user.g) ? "m" : "n");
		} else {
			struct choice_enc *ch = &s->e.choices[d->choice];

			for (k = 0; k < ch->count; k++)
				if (truth(s, ch->pick[k]))
					c.sym = ch->members[k];
			if (!c.sym)
				continue;
			c.to = tux_strdup("y");
		}
		s->changes = tux_reserve(s->changes, &cap, (size_t)s->nchanges + 1, sizeof(*s->changes), 16);
		s->changes[s->nchanges++] = c;
	}
	for (i = 0; i < s->ntargets; i++) {
		struct target *t = &s->targets[i];
		struct candidate_change c = { t->sym, NULL, -1 };

		if (t->is_tri || t->status != T_FIXABLE)
			continue;
		c.to = tux_strdup(t->want);
		s->changes = tux_reserve(s->changes, &cap, (size_t)s->nchanges + 1, sizeof(*s->changes), 16);
		s->changes[s->nchanges++] = c;
	}
	ordering = s;
	qsort(s->changes, (size_t)s->nchanges, sizeof(*s->changes), change_order);
	ordering = NULL;
}

/* Excludes exactly this candidate (these decisions, these values) from later answers. */
static void block_candidate(struct search *s)
{
	struct ivec clause = { NULL, 0, 0 };
	size_t j;
	int i, k;

	/* Read the whole model first: adding a literal ends the solver's SAT state. */
	for (i = 0; i < s->ndec; i++) {
		struct decision *d = &s->dec[i];
		bool changed = truth(s, d->lit);

		ivec_push(&clause, changed ? -d->lit : d->lit);
		if (!changed)
			continue;
		if (d->sym >= 0) {
			struct sym_enc *se = &s->e.se[d->sym];

			ivec_push(&clause, truth(s, se->user.g) ? -se->user.g : se->user.g);
			ivec_push(&clause, truth(s, se->user.y) ? -se->user.y : se->user.y);
		} else {
			struct choice_enc *ch = &s->e.choices[d->choice];

			for (k = 0; k < ch->count; k++)
				if (truth(s, ch->pick[k]))
					ivec_push(&clause, -ch->pick[k]);
		}
	}
	for (j = 0; j < clause.n; j++)
		picosat_add(s->e.ps, clause.v[j]);
	picosat_add(s->e.ps, 0);
	free(clause.v);
}

static void free_effects(struct search *s)
{
	int i;

	for (i = 0; i < s->neffects; i++) {
		free(s->effects[i].from);
		free(s->effects[i].to);
	}
	s->neffects = 0;
}

static void record_effects(struct search *s)
{
	int i, j;

	free_effects(s);
	for (i = 0; i < sym_count; i++) {
		const char *before = snapshot_value(s->snap, i);
		bool listed = false;

		sym_calc_value(syms[i]);
		if (!strcmp(before, sym_get_string_value(syms[i])))
			continue;
		for (j = 0; j < s->nchanges && !listed; j++)
			listed = s->changes[j].sym == syms[i];
		if (listed)
			continue;
		s->effects = tux_reserve(s->effects, &s->effects_cap, (size_t)s->neffects + 1, sizeof(*s->effects), 64);
		s->effects[s->neffects].sym = syms[i];
		s->effects[s->neffects].from = tux_strdup(before);
		s->effects[s->neffects].to = tux_strdup(sym_get_string_value(syms[i]));
		s->neffects++;
	}
}

/* Applies the candidate through kconfig and puts everything back; true when it holds. */
static bool judge(struct search *s)
{
	struct verify_check *checks = tux_alloc((size_t)(s->ntargets ? s->ntargets : 1) * sizeof(*checks));
	struct symbol **kept = tux_alloc((size_t)(s->nprotect ? s->nprotect : 1) * sizeof(*kept));
	struct symbol *culprit = NULL;
	int nchecks = 0, nkept = 0, i, k;
	int *kept_index = tux_alloc((size_t)(s->nprotect ? s->nprotect : 1) * sizeof(*kept_index));
	bool *moved = tux_zalloc((size_t)(s->nprotect ? s->nprotect : 1), sizeof(*moved));
	const char *lost;
	enum verify_result res;
	double started;

	for (i = 0; i < s->ntargets; i++)
		if (s->targets[i].status == T_FIXABLE || s->targets[i].status == T_MET)
			checks[nchecks++] = (struct verify_check){ s->targets[i].sym, s->targets[i].want, s->targets[i].at_least };
	for (i = 0; i < s->nprotect; i++)
		if (s->pkept[i]) {
			kept_index[nkept] = i;
			kept[nkept++] = s->protect[i];
		}
	s->candidates++;
	started = now_ms();
	res = verify_candidate(s->changes, s->nchanges, checks, nchecks, kept, nkept, moved, s->snap, &culprit);
	if (res == VERIFY_PROTECTED && (!s->protect_culprit || s->protect_culprit == culprit)) {
		s->protect_culprit = culprit;
		s->protect_rejections++;
	}
	if (res == VERIFY_OK) {
		record_effects(s);
	} else if (res == VERIFY_PROTECTED && !s->strict && !s->fallback) {
		s->fallback = tux_alloc((size_t)(s->nchanges ? s->nchanges : 1) * sizeof(*s->fallback));
		for (i = 0; i < s->nchanges; i++) {
			s->fallback[i] = s->changes[i];
			s->fallback[i].to = tux_strdup(s->changes[i].to);
		}
		s->nfallback = s->nchanges;
		s->fallback_moved = tux_zalloc((size_t)(s->nprotect ? s->nprotect : 1), sizeof(*s->fallback_moved));
		for (k = 0; k < nkept; k++)
			s->fallback_moved[kept_index[k]] = moved[k];
		record_effects(s);
	}
	lost = snapshot_restore(s->snap);
	if (lost)
		die("fix: the configuration could not be put back exactly after a trial (%s differs)", lost);
	free(checks);
	free(kept);
	free(kept_index);
	free(moved);
	s->verify_ms += now_ms() - started;
	if (res != VERIFY_OK)
		s->rejected++;
	return res == VERIFY_OK;
}

/*
 * Sinz's sequential counter over `lits`: out[j] (1 <= j <= k) is implied when at least j of
 * them hold; assuming -out[j] allows at most j - 1. Only that direction is encoded.
 */
static int *counter(struct search *s, const int *lits, size_t n, int k)
{
	int *prev = tux_zalloc((size_t)k + 1, sizeof(*prev)), *cur = tux_zalloc((size_t)k + 1, sizeof(*cur)), *t;
	size_t i;
	int j;

	for (i = 0; i < n; i++) {
		for (j = 1; j <= k; j++) {
			cur[j] = 0;
			if ((size_t)j > i + 1)
				continue;
			cur[j] = picosat_inc_max_var(s->e.ps);
			if (prev[j]) {
				int c[2] = { -prev[j], cur[j] };

				enc_clause(&s->e, c, 2);
			}
			if (j == 1) {
				int c[2] = { -lits[i], cur[1] };

				enc_clause(&s->e, c, 2);
			} else if (prev[j - 1]) {
				int c[3] = { -lits[i], -prev[j - 1], cur[j] };

				enc_clause(&s->e, c, 3);
			}
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	free(cur);
	return prev;
}

/*
 * The greedy subset-minimal set of changes is not always the smallest (a select reached
 * through another symbol may need one change less). Look for a smaller one with a cardinality
 * bound, for a short while and only where the counter stays small.
 */
static void fewer_changes(struct search *s, const struct ivec *hard, const int *soft, size_t ns, bool *kept)
{
	struct ivec a = { NULL, 0, 0 };
	bool *better = tux_alloc((ns + 1) * sizeof(*better));
	int *lits = tux_alloc((ns + 1) * sizeof(*lits)), *out, best = 0;
	double saved = s->deadline;
	size_t i;

	for (i = 0; i < ns; i++) {
		lits[i] = -soft[i];
		best += !kept[i];
	}
	if (best < 2 || (size_t)best * ns > COUNTER_LIMIT) {
		free(better);
		free(lits);
		return;
	}
	out = counter(s, lits, ns, best);
	if (now_ms() + IMPROVE_MS < s->deadline)
		s->deadline = now_ms() + IMPROVE_MS;
	while (best >= 2) {
		int count = 0;

		a.n = 0;
		for (i = 0; i < hard->n; i++)
			ivec_push(&a, hard->v[i]);
		ivec_push(&a, -out[best]);
		if (mss(s, &a, soft, ns, better) != PICOSAT_SATISFIABLE)
			break;
		for (i = 0; i < ns; i++)
			count += !better[i];
		if (count >= best)
			break;
		memcpy(kept, better, ns * sizeof(*kept));
		best = count;
	}
	s->timed_out = false;
	s->deadline = saved;
	free(out);
	free(a.v);
	free(better);
	free(lits);
}

static void search_fix(struct search *s, const struct ivec *hard)
{
	int *levels = tux_alloc((size_t)(s->ndec + 1) * sizeof(*levels));
	int nlevels = 0, li = 0, round, i;
	struct ivec a = { NULL, 0, 0 }, soft = { NULL, 0, 0 };
	bool *kept = NULL;

	for (i = s->ndec - 1; i >= 0; i--)
		if (!nlevels || levels[nlevels - 1] != s->dec[i].dist)
			levels[nlevels++] = s->dec[i].dist;
	if (!nlevels)
		levels[nlevels++] = 0;
	for (round = 0; round < MAX_ROUNDS && !s->timed_out; round++) {
		int res = PICOSAT_UNSATISFIABLE;

		/* The nearest distance within which changes suffice. */
		for (; li < nlevels; li++) {
			a.n = 0;
			for (i = 0; i < (int)hard->n; i++)
				ivec_push(&a, hard->v[i]);
			for (i = 0; i < s->ndec; i++)
				if (s->dec[i].dist > levels[li])
					ivec_push(&a, -s->dec[i].lit);
			res = solve(s, a.v, a.n);
			if (res != PICOSAT_UNSATISFIABLE)
				break;
		}
		if (res != PICOSAT_SATISFIABLE)
			break;
		s->depth = levels[li];
		/* Fewest changes: keep as many user values as possible, the farthest first. */
		soft.n = 0;
		for (i = 0; i < s->ndec; i++)
			if (s->dec[i].dist <= levels[li])
				ivec_push(&soft, -s->dec[i].lit);
		kept = tux_realloc_array(kept, soft.n + 1, sizeof(*kept));
		if (mss(s, &a, soft.v, soft.n, kept) != PICOSAT_SATISFIABLE)
			break;
		fewer_changes(s, &a, soft.v, soft.n, kept);
		for (i = 0; i < (int)soft.n; i++)
			ivec_push(&a, kept[i] ? soft.v[i] : -soft.v[i]);
		/* Then m wherever m is enough. */
		{
			size_t k = 0;
			int n = (int)soft.n;

			soft.n = 0;
			for (i = 0; i < s->ndec && (int)k < n; i++) {
				struct decision *d = &s->dec[i];

				if (d->dist > levels[li])
					continue;
				if (!kept[k++] && d->sym >= 0 && syms[d->sym]->type == S_TRISTATE)
					ivec_push(&soft, -s->e.se[d->sym].user.y);
			}
		}
		kept = tux_realloc_array(kept, soft.n + 1, sizeof(*kept));
		if (mss(s, &a, soft.v, soft.n, kept) != PICOSAT_SATISFIABLE)
			break;
		read_candidate(s);
		if (judge(s)) {
			s->found = true;
			break;
		}
		block_candidate(s);
		/* A fix that moves a protected symbol exists; a few more tries for one that does not. */
		if (s->fallback && s->candidates >= 4)
			break;
	}
	if (!s->found && s->fallback) {
		free_changes(s);
		s->changes = s->fallback;
		s->nchanges = s->nfallback;
		s->fallback = NULL;
		for (i = 0; i < s->nprotect; i++)
			if (s->fallback_moved[i])
				s->pkept[i] = false;
		s->found = true;
	}
	free(levels);
	free(kept);
	free(a.v);
	free(soft.v);
}

/* ---------------------------------------------------------------- why each change is there */

struct reason {
	const char *kind;
	struct symbol *of;
	struct expr *term;
	const char *choice;
	/* choice: chosen instead of `of` */
	bool instead;
};

static bool is_symbol(struct symbol *sym, void *wanted)
{
	return sym == wanted;
}

static bool mentions(struct expr *x, const struct symbol *sym)
{
	return expr_any_symbol(x, is_symbol, (void *)sym);
}

/* The part of `x` (split at the top-level `op`) that mentions sym. */
static struct expr *part_with(struct expr *x, enum expr_type op, const struct symbol *sym)
{
	while (x && x->type == op) {
		if (mentions(x->left.expr, sym))
			x = x->left.expr;
		else
			x = x->right.expr;
	}
	return x && mentions(x, sym) ? x : NULL;
}

static bool relates(struct symbol *sym, struct symbol *of, struct reason *r)
{
	struct property *prop;
	struct expr *x;

	for (prop = sym->prop; prop; prop = prop->next) {
		if ((prop->type == P_SELECT || prop->type == P_IMPLY) && prop_get_symbol(prop) == of) {
			r->kind = prop->type == P_SELECT ? "selects" : "implies";
			r->of = of;
			return true;
		}
	}
	x = first_prompt_condition(of);
	if (!x || !mentions(x, sym))
		x = of->dir_dep.expr;
	if (x && (x = part_with(x, E_AND, sym))) {
		r->kind = "depends-on";
		r->of = of;
		r->term = x;
		return true;
	}
	if (of->rev_dep.expr && (x = part_with(of->rev_dep.expr, E_OR, sym))) {
		r->kind = "select-condition";
		r->of = of;
		r->term = x;
		return true;
	}
	/* An int or hex target outside the range that applies now: the condition of another range. */
	for_all_properties(of, prop, P_RANGE) {
		if (mentions(prop->visible.expr, sym)) {
			r->kind = "range";
			r->of = of;
			r->term = part_with(prop->visible.expr, E_AND, sym);
			return true;
		}
	}
	for_all_defaults(of, prop) {
		if (mentions(prop->expr, sym) || mentions(prop->visible.expr, sym)) {
			r->kind = "default";
			r->of = of;
			r->term = mentions(prop->visible.expr, sym) ? part_with(prop->visible.expr, E_AND, sym) : prop->expr;
			return true;
		}
	}
	return false;
}

static int dist_of(struct search *s, struct symbol *sym)
{
	int idx = sym_index(sym);

	return idx >= 0 && s->e.se[idx].dist >= 0 ? s->e.se[idx].dist : 1 << 20;
}

/* Direct relations first: a select or a dependency explains more than a select's condition. */
static int kind_rank(const char *kind)
{
	if (!strcmp(kind, "selects") || !strcmp(kind, "implies"))
		return 0;
	if (!strcmp(kind, "depends-on"))
		return 1;
	if (!strcmp(kind, "range") || !strcmp(kind, "default"))
		return 2;
	return 3;
}

static struct reason reason_for(struct search *s, struct candidate_change *c)
{
	struct reason r = { "needed", NULL, NULL, NULL, false };
	bool choice = false;
	int i, best = 1 << 30;

	for (i = 0; i < s->ntargets; i++)
		if (s->targets[i].sym == c->sym && s->targets[i].status == T_FIXABLE) {
			r.kind = "target";
			return r;
		}
	/* m values need MODULES: say which one asked for it rather than what MODULES selects. */
	if (c->sym == modules_sym && !strcmp(c->to, "y")) {
		for (i = 0; i < s->ntargets + s->nchanges; i++) {
			struct symbol *of = i < s->ntargets ? s->targets[i].sym : s->changes[i - s->ntargets].sym;
			const char *to = i < s->ntargets ? s->targets[i].want : s->changes[i - s->ntargets].to;

			if (of && of != c->sym && !strcmp(to, "m") && (i >= s->ntargets || s->targets[i].status != T_IMPOSSIBLE)) {
				r.kind = "modules";
				r.of = of;
				return r;
			}
		}
	}
	if (choice_menu_of(c->sym) && s->e.choices[enc_choice_index(&s->e, c->sym)].change) {
		choice = true;
		r.kind = "choice";
		r.choice = choice_prompt_of(c->sym);
		/* Chosen instead of a target member of the same choice that is to be n. */
		for (i = 0; i < s->ntargets; i++)
			if (s->targets[i].sym && s->targets[i].sym != c->sym && s->targets[i].status != T_IMPOSSIBLE &&
			    choice_menu_of(s->targets[i].sym) == choice_menu_of(c->sym)) {
				r.of = s->targets[i].sym;
				r.instead = true;
				return r;
			}
	}
	/* The nearest target, change or other changed value this one makes possible. */
	for (i = 0; i < s->ntargets + s->nchanges + s->neffects; i++) {
		struct symbol *of = i < s->ntargets ? s->targets[i].sym :
				    i < s->ntargets + s->nchanges ? s->changes[i - s->ntargets].sym :
								  s->effects[i - s->ntargets - s->nchanges].sym;
		struct reason found = { NULL, NULL, NULL, NULL, false };
		int rank;

		if (!of || of == c->sym || (i < s->ntargets && s->targets[i].status == T_IMPOSSIBLE))
			continue;
		if (!relates(c->sym, of, &found))
			continue;
		/* The kind of relation first (a dependency explains more than a select's condition), then nearness. */
		rank = kind_rank(found.kind) * (1 << 24) + dist_of(s, of);
		if (rank >= best)
			continue;
		best = rank;
		if (choice) {
			r.of = of;
			r.term = found.term;
		} else {
			r = found;
		}
	}
	return r;
}

/* ---------------------------------------------------------------- the answer */

static void out_name_or_null(struct symbol *sym)
{
	if (sym && sym->name)
		out_str(sym->name);
	else
		out_raw("null");
}

static void out_expr_text(struct expr *x)
{
	char *text = expr_text(x);

	out_str(text);
	free(text);
}

static void out_blocker(const struct blocker *b)
{
	int i;

	out_raw(",\"blocker\":{\"kind\":");
	out_str(b->kind ? b->kind : "unreachable");
	out_raw(",\"symbol\":");
	if (b->sym)
		out_name_or_null(b->sym);
	else if (b->name)
		out_str(b->name);
	else
		out_raw("null");
	out_raw(",\"path\":[");
	for (i = 0; i < b->path_len; i++) {
		out_raw(i ? ",{\"symbol\":" : "{\"symbol\":");
		out_name_or_null(b->path[i].sym);
		out_raw(",\"term\":");
		out_str(b->path[i].term);
		out_raw(",\"relation\":");
		out_str(b->path[i].relation);
		out_raw("}");
	}
	out_raw("]");
	if (b->term) {
		out_raw(",\"term\":");
		out_str(b->term);
	}
	if (b->range[0]) {
		out_raw(",\"range\":[");
		out_str(b->range[0]);
		out_raw(",");
		out_str(b->range[1]);
		out_raw("]");
	}
	if (b->with_count) {
		out_raw(",\"with\":[");
		for (i = 0; i < b->with_count; i++) {
			if (i)
				out_raw(",");
			out_name_or_null(b->with[i]);
		}
		out_raw("]");
	}
	if (b->choice) {
		out_raw(",\"choice\":");
		out_str(b->choice);
	}
	out_raw("}");
}

static const char *status_name(enum target_status st)
{
	switch (st) {
	case T_MET: return "met";
	case T_FIXABLE: return "fixable";
	default: return "impossible";
	}
}

static void out_reason(struct search *s, struct candidate_change *c)
{
	struct reason r = reason_for(s, c);

	out_raw(",\"reason\":{\"kind\":");
	out_str(r.kind);
	if (!strcmp(r.kind, "selects") || !strcmp(r.kind, "implies")) {
		out_raw(!strcmp(r.kind, "selects") ? ",\"selector\":" : ",\"implier\":");
		out_str(c->sym->name);
		out_raw(",\"target\":");
		out_name_or_null(r.of);
	} else if (!strcmp(r.kind, "modules")) {
		out_raw(",\"of\":");
		out_name_or_null(r.of);
	} else if (!strcmp(r.kind, "choice")) {
		out_raw(",\"choice\":");
		if (r.choice)
			out_str(r.choice);
		else
			out_raw("null");
		out_raw(",\"member\":");
		out_str(c->sym->name);
		out_raw(",\"of\":");
		out_name_or_null(r.of);
		out_fmt(",\"instead\":%s", r.instead ? "true" : "false");
	} else if (r.of) {
		out_raw(",\"of\":");
		out_name_or_null(r.of);
		out_raw(",\"term\":");
		if (r.term)
			out_expr_text(r.term);
		else
			out_raw("null");
	}
	out_raw("}");
}

static void out_answer(struct search *s, double started, req_id id)
{
	bool first = true;
	int i;

	reply_head(id, true);
	out_raw(",\"result\":{\"targets\":[");
	for (i = 0; i < s->ntargets; i++) {
		struct target *t = &s->targets[i];

		out_raw(i ? ",{\"name\":" : "{\"name\":");
		out_str(t->name);
		out_raw(",\"value\":");
		out_str(t->want);
		if (t->at_least)
			out_raw(",\"atLeast\":true");
		out_raw(",\"status\":");
		out_str(status_name(t->status));
		if (t->status == T_IMPOSSIBLE)
			out_blocker(&t->b);
		out_raw("}");
	}
	out_raw("],\"changes\":[");
	for (i = 0; s->found && i < s->nchanges; i++) {
		struct candidate_change *c = &s->changes[i];

		out_raw(i ? ",{\"name\":" : "{\"name\":");
		out_str(c->sym->name);
		out_raw(",\"from\":");
		out_str(snapshot_value(s->snap, sym_index(c->sym)));
		out_raw(",\"to\":");
		out_str(c->to);
		out_reason(s, c);
		out_raw("}");
	}
	out_raw("],\"effects\":[");
	for (i = 0; i < s->neffects; i++) {
		out_raw(i ? ",{\"name\":" : "{\"name\":");
		out_str(s->effects[i].sym->name);
		out_raw(",\"from\":");
		out_str(s->effects[i].from);
		out_raw(",\"to\":");
		out_str(s->effects[i].to);
		out_raw("}");
	}
	out_raw("],\"touchesProtected\":[");
	for (i = 0; i < s->nprotect; i++) {
		if (s->pkept[i])
			continue;
		if (!first)
			out_raw(",");
		out_str(s->protect[i]->name);
		first = false;
	}
	out_fmt("],\"stats\":{\"ms\":%.1f,\"encodeMs\":%.1f,\"verifyMs\":%.1f,\"cone\":%d,\"variables\":%d,\"clauses\":%d,\"candidates\":%d,"
		"\"rejected\":%d,\"depth\":%d,\"approximations\":%d,\"timedOut\":%s}}",
		now_ms() - started, s->encode_ms, s->verify_ms, s->e.cone, picosat_variables(s->e.ps), s->e.clauses, s->candidates, s->rejected,
		s->depth, s->e.approximations, s->timed_out ? "true" : "false");
}

/* ---------------------------------------------------------------- the request */

static int fresh_lit(struct search *s) { return picosat_inc_max_var(s->e.ps); }

static void imply(struct search *s, int a, int b)
{
	int lits[2] = { -a, b };

	enc_clause(&s->e, lits, 2);
}

static int protection_literal(struct search *s, struct symbol *p)
{
	struct sym_enc *se = &s->e.se[sym_index(p)];
	int lit, ci = se->choice;

	if (se->dist < 0)
		return 0;
	if (!enc_is_tristate_type(p)) {
		/* A visible int/hex/string keeps its user value while it stays visible (defaults are not modelled). */
		if (p->visible == no || !sym_has_value(p))
			return 0;
		lit = fresh_lit(s);
		imply(s, lit, enc_visibility(&s->e, p).g);
		return lit;
	}
	sym_calc_value(p);
	lit = fresh_lit(s);
	if (se->change)
		imply(s, lit, -se->change);
	if (ci >= 0 && s->e.choices[ci].change)
		imply(s, lit, -s->e.choices[ci].change);
	imply(s, lit, enc_value_is(&s->e, p, p->curr.tri));
	return lit;
}

static void free_search(struct search *s, struct symbol **freeze)
{
	int i, k;

	for (i = 0; i < s->ntargets; i++) {
		struct target *t = &s->targets[i];

		free(t->name);
		free(t->want);
		for (k = 0; k < t->b.path_len; k++)
			free(t->b.path[k].term);
		free(t->b.term);
		free(t->b.range[0]);
		free(t->b.range[1]);
		free(t->b.with);
	}
	free_changes(s);
	if (s->fallback) {
		for (i = 0; i < s->nfallback; i++)
			free(s->fallback[i].to);
		free(s->fallback);
	}
	free(s->fallback_moved);
	free_effects(s);
	free(s->effects);
	free(s->targets);
	free(s->protect);
	free(s->plit);
	free(s->pkept);
	free(s->dec);
	free(freeze);
	snapshot_free(s->snap);
	enc_free(&s->e);
}

/*
 * Trials make the library print "unmet direct dependencies" warnings for states nobody keeps:
 * fd 2 goes to a private temporary file while the search runs, thrown away afterwards. If the
 * solver aborts (an assertion), the end of that file is copied to the real stderr first, so
 * the reason survives for the session's error report.
 */
static int quiet_fd = -1;

static void abort_with_reason(int sig)
{
	char buf[2048];
	off_t end = lseek(quiet_fd, 0, SEEK_END);
	ssize_t n;

	if (end > (off_t)sizeof(buf))
		lseek(quiet_fd, end - (off_t)sizeof(buf), SEEK_SET);
	else
		lseek(quiet_fd, 0, SEEK_SET);
	n = read(quiet_fd, buf, sizeof(buf));
	if (n > 0 && write(diag_fd, buf, (size_t)n) < 0) {
		/* Nothing left to report it on. */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int quiet_begin(void)
{
	int saved = dup(2);
	FILE *f;

	fflush(stderr);
	f = tmpfile();
	quiet_fd = f ? dup(fileno(f)) : -1;
	if (f)
		fclose(f);
	if (saved < 0 || quiet_fd < 0 || dup2(quiet_fd, 2) < 0) {
		if (saved >= 0)
			close(saved);
		if (quiet_fd >= 0)
			close(quiet_fd);
		quiet_fd = -1;
		return -1;
	}
	diag_fd = saved;
	signal(SIGABRT, abort_with_reason);
	return saved;
}

static void quiet_end(int saved)
{
	if (saved < 0)
		return;
	fflush(stderr);
	signal(SIGABRT, SIG_DFL);
	dup2(saved, 2);
	close(saved);
	close(quiet_fd);
	quiet_fd = -1;
	diag_fd = 2;
}

/* With never_lower: a user value that changes goes no lower than the symbol's value now (targets excepted). */
static void forbid_lowering(struct search *s)
{
	bool *target = tux_zalloc((size_t)sym_count + 1, sizeof(*target));
	int i;

	for (i = 0; i < s->ntargets; i++)
		if (sym_index(s->targets[i].sym) >= 0)
			target[sym_index(s->targets[i].sym)] = true;
	for (i = 0; i < sym_count; i++) {
		struct sym_enc *se = &s->e.se[i];

		if (target[i] || !se->change || !enc_is_tristate_type(syms[i]))
			continue;
		sym_calc_value(syms[i]);
		if (sym_get_tristate_value(syms[i]) > no)
			imply(s, se->change, enc_at_least(&s->e, se->user, sym_get_tristate_value(syms[i])));
	}
	free(target);
}

/*
 * At-least targets that need a change get their own value where it can be had with the other
 * targets (m rather than y), in the order given; the rest go higher. Added to `hard`.
 */
static void prefer_lowest(struct search *s, struct ivec *hard)
{
	struct ivec soft = { NULL, 0, 0 };
	bool *kept;
	size_t i;
	int k;

	for (k = 0; k < s->ntargets; k++) {
		struct target *t = &s->targets[k];

		if (t->at_least && t->status == T_FIXABLE && t->tri < yes)
			ivec_push(&soft, enc_at_most(&s->e, enc_value(&s->e, t->sym), t->tri));
	}
	if (!soft.n)
		return;
	kept = tux_zalloc(soft.n, sizeof(*kept));
	if (mss(s, hard, soft.v, soft.n, kept) == PICOSAT_SATISFIABLE)
		for (i = 0; i < soft.n; i++)
			if (kept[i])
				ivec_push(hard, soft.v[i]);
	free(kept);
	free(soft.v);
}

static void search(struct request *r);

void op_fix(struct request *r)
{
	int saved = quiet_begin();

	search(r);
	quiet_end(saved);
}

static void search(struct request *r)
{
	struct search s;
	double started = now_ms();
	struct symbol **freeze, **seeds;
	struct ivec hard = { NULL, 0, 0 }, soft = { NULL, 0, 0 };
	int nfreeze, nseeds = 0, i, res;
	bool *kept;

	memset(&s, 0, sizeof(s));
	s.strict = r->flag;
	s.never_lower = r->never_lower;
	s.deadline = started + (r->budget >= 0 ? r->budget : DEFAULT_BUDGET_MS);
	read_targets(&s, r->targets);
	if (!s.ntargets) {
		reply_error(r->id, "usage", "\"targets\" holds no NAME=VALUE line");
		free(s.targets);
		return;
	}
	s.protect = read_names(r->protect, &s.nprotect);
	freeze = read_names(r->freeze, &nfreeze);
	for (i = 0; i < s.ntargets; i++)
		precheck(&s.targets[i]);

	s.snap = snapshot_take();
	enc_init(&s.e);
	picosat_set_interrupt(s.e.ps, &s, interrupted);
	for (i = 0; i < nfreeze; i++)
		s.e.se[sym_index(freeze[i])].frozen = true;
	seeds = tux_alloc((size_t)(s.ntargets + s.nprotect + 1) * sizeof(*seeds));
	for (i = 0; i < s.ntargets; i++) {
		struct target *t = &s.targets[i];

		if (!t->sym || (t->status == T_IMPOSSIBLE))
			continue;
		s.e.se[sym_index(t->sym)].frozen = false;
		if (!t->is_tri)
			s.e.se[sym_index(t->sym)].wanted = t->want;
		seeds[nseeds++] = t->sym;
	}
	for (i = 0; i < s.nprotect; i++)
		seeds[nseeds++] = s.protect[i];
	enc_cone(&s.e, seeds, nseeds);
	free(seeds);

	for (i = 0; i < s.ntargets; i++) {
		struct target *t = &s.targets[i];
		int cond;

		if (t->status == T_IMPOSSIBLE)
			continue;
		if (t->at_least)
			cond = enc_at_least(&s.e, enc_value(&s.e, t->sym), t->tri);
		else if (t->is_tri)
			cond = enc_value_is(&s.e, t->sym, t->tri);
		else
			cond = t->status == T_MET ? s.e.t : enc_settable_to(&s.e, t->sym, t->want);
		t->lit = fresh_lit(&s);
		imply(&s, t->lit, cond);
	}
	s.plit = tux_zalloc((size_t)(s.nprotect + 1), sizeof(*s.plit));
	s.pkept = tux_zalloc((size_t)(s.nprotect + 1), sizeof(*s.pkept));
	for (i = 0; i < s.nprotect; i++) {
		s.plit[i] = protection_literal(&s, s.protect[i]);
		s.pkept[i] = true;
	}
	collect_decisions(&s);
	if (s.never_lower)
		forbid_lowering(&s);
	s.encode_ms = now_ms() - started;

	/* 1. The targets that can be had (with the protected symbols kept, when strict). */
	if (s.strict)
		for (i = 0; i < s.nprotect; i++)
			if (s.plit[i])
				ivec_push(&hard, s.plit[i]);
	for (i = 0; i < s.ntargets; i++)
		if (s.targets[i].lit)
			ivec_push(&soft, s.targets[i].lit);
	kept = tux_zalloc(soft.n + 1, sizeof(*kept));
	res = soft.n ? mss(&s, &hard, soft.v, soft.n, kept) : PICOSAT_UNSATISFIABLE;
	if (res == PICOSAT_SATISFIABLE) {
		size_t k = 0;

		for (i = 0; i < s.ntargets; i++) {
			struct target *t = &s.targets[i];

			if (!t->lit)
				continue;
			if (!kept[k++])
				t->status = T_IMPOSSIBLE;
			else if (t->status == T_OPEN)
				t->status = T_FIXABLE;
		}
	} else {
		for (i = 0; i < s.ntargets; i++) {
			if (!s.targets[i].lit)
				continue;
			s.targets[i].status = T_IMPOSSIBLE;
			if (res == PICOSAT_UNKNOWN)
				s.targets[i].b.kind = "timeout";
		}
	}
	free(kept);

	/* 2. Which protected symbols can stay as they are: all, unless no fix exists otherwise. */
	hard.n = 0;
	for (i = 0; i < s.ntargets; i++)
		if (s.targets[i].lit && s.targets[i].status != T_IMPOSSIBLE)
			ivec_push(&hard, s.targets[i].lit);
	if (!s.strict && s.nprotect) {
		soft.n = 0;
		for (i = 0; i < s.nprotect; i++)
			ivec_push(&soft, s.plit[i] ? s.plit[i] : s.e.t);
		kept = tux_zalloc(soft.n + 1, sizeof(*kept));
		if (mss(&s, &hard, soft.v, soft.n, kept) == PICOSAT_SATISFIABLE)
			for (i = 0; i < s.nprotect; i++)
				s.pkept[i] = kept[i];
		free(kept);
	}
	for (i = 0; i < s.nprotect; i++)
		if (s.pkept[i] && s.plit[i])
			ivec_push(&hard, s.plit[i]);
	prefer_lowest(&s, &hard);

	/* 3 and 4. The nearest, smallest fix that kconfig accepts. */
	for (i = 0; i < s.ntargets; i++)
		if (s.targets[i].status == T_FIXABLE)
			break;
	if (i < s.ntargets && !s.timed_out) {
		search_fix(&s, &hard);
		if (!s.found)
			for (i = 0; i < s.ntargets; i++) {
				struct target *t = &s.targets[i];

				if (t->status != T_FIXABLE)
					continue;
				t->status = T_IMPOSSIBLE;
				t->b.kind = s.timed_out ? "timeout" : "not-found";
				/* Every candidate moved the same protected symbol: that is what blocks. */
				if (!s.timed_out && s.protect_culprit && s.protect_rejections == s.rejected) {
					t->b.kind = choice_menu_of(s.protect_culprit) ? "pinned-choice" : "protected";
					t->b.sym = s.protect_culprit;
					t->b.choice = choice_prompt_of(s.protect_culprit);
				}
			}
	}

	/* What blocks the others: explanations get a little time of their own. */
	if (s.deadline < now_ms() + 1000)
		s.deadline = now_ms() + 1000;
	for (i = 0; i < s.ntargets; i++)
		if (s.targets[i].status == T_IMPOSSIBLE && !s.targets[i].b.kind)
			explain(&s, &s.targets[i]);

	out_answer(&s, started, r->id);
	out_end();
	free(hard.v);
	free(soft.v);
	free_search(&s, freeze);
}
