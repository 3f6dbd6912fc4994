/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fix search: kconfig's semantics of bool/tristate symbols as CNF for PicoSAT
 * (fix-encode.c), candidates judged by kconfig itself (fix-verify.c), and the search with its
 * answer (fix-search.c). Include after "lkc.h" and "frontend.h".
 */
#ifndef TUXCONF_FIX_H
#define TUXCONF_FIX_H

#include <picosat/picosat.h>

/*
 * A tristate value as two literals: g holds when the value is at least m, y when it is y
 * (y implies g). Constants are the encoding's TRUE literal and its negation.
 */
struct tri {
	int g, y;
};

enum enc_state { ENC_NONE, ENC_BUSY, ENC_DONE };

/* One named symbol in the encoding (indexed like syms[]). */
struct sym_enc {
	struct tri val;
	/* Prompt visibility and select lower bound, as sym->visible and sym->rev_dep.tri. */
	struct tri vis, rev;
	/* Decision: the user value changes to `user`; 0 when it cannot change. */
	int change;
	struct tri user;
	/* Distance from the targets (references followed); -1 outside the cone. */
	int dist;
	/* Dependencies before dependents: a post-order rank over the references in the cone. */
	int topo;
	/* Index into fix_enc.choices for choice members, else -1. */
	int choice;
	unsigned char state;
	bool frozen;
	/* int/hex/string targets: the value comparisons see instead of the current one. */
	const char *wanted;
};

/* One choice: its members and who is chosen. */
struct choice_enc {
	struct menu *menu;
	/* Members in menu order. */
	struct symbol **members;
	int count;
	/* sel[i]: member i is the choice's value. */
	int *sel;
	/* Decision: another member is chosen, pick[i] the one. */
	int change;
	int *pick;
	int dist;
	unsigned char state;
	bool frozen;
	/* 6.1: the value of the choice symbol itself, which its members depend on. */
	struct tri symval;
	unsigned char symval_state;
};

struct gate_slot;
struct expr_slot;

struct fix_enc {
	PicoSAT *ps;
	int t;
	struct sym_enc *se;
	struct choice_enc *choices;
	int choice_count;
	/* node id -> index into choices, or -1 */
	int *choice_of_node;
	int modules_y;
	struct gate_slot *gates;
	size_t gate_slots, gate_used;
	struct expr_slot *exprs;
	size_t expr_slots, expr_used;
	/* Places where the encoding is known not to be exact (verification decides there). */
	int approximations;
	int clauses;
	int cone;
};

/* fix-encode.c */
void enc_init(struct fix_enc *e);
void enc_free(struct fix_enc *e);
void enc_clause(struct fix_enc *e, const int *lits, int n);
int enc_and(struct fix_enc *e, int a, int b);
int enc_or(struct fix_enc *e, int a, int b);
struct tri enc_const(const struct fix_enc *e, tristate v);
struct tri enc_expr(struct fix_enc *e, struct expr *x);
/* Marks the cone reachable from the seeds (distances from 0) and encodes every symbol in it. */
void enc_cone(struct fix_enc *e, struct symbol **seeds, int count);
struct tri enc_value(struct fix_enc *e, struct symbol *sym);
/* A literal that holds exactly when sym's value is `want`. */
int enc_value_is(struct fix_enc *e, struct symbol *sym, tristate want);
int enc_choice_index(const struct fix_enc *e, struct symbol *sym);
/* The OR of the prompts' conditions, m raised to y where the symbol acts as bool (sym->visible). */
struct tri enc_visibility(struct fix_enc *e, struct symbol *sym);
/* int/hex/string: a literal that holds when the prompt is visible and `value` is within the active range. */
int enc_settable_to(struct fix_enc *e, struct symbol *sym, const char *value);
int enc_at_least(struct fix_enc *e, struct tri v, tristate level);
int enc_at_most(struct fix_enc *e, struct tri v, tristate level);
bool enc_is_tristate_type(const struct symbol *sym);
/* Calls visit on every symbol x mentions (both sides of a comparison); true as soon as visit says so. */
bool expr_any_symbol(struct expr *x, bool (*visit)(struct symbol *sym, void *ctx), void *ctx);

/* fix-verify.c */
struct snapshot;
struct snapshot *snapshot_take(void);
/* Puts every user value back and recomputes; the name of a symbol whose value then differs, or NULL. */
const char *snapshot_restore(struct snapshot *s);
void snapshot_free(struct snapshot *s);
const char *snapshot_value(const struct snapshot *s, int sym_idx);
bool value_matches(struct symbol *sym, const char *want);

struct candidate_change {
	struct symbol *sym;
	char *to;
	/* Order of application: dependencies (larger distance) first. */
	int dist;
};

struct verify_check {
	struct symbol *sym;
	const char *want;
	/* A tristate that holds at `want` or above (m or y for m). */
	bool at_least;
};

enum verify_result { VERIFY_OK, VERIFY_REFUSED, VERIFY_TARGET, VERIFY_PROTECTED, VERIFY_NOT_HELD };

/*
 * Applies the changes as `set` requests, each when it takes (passes until none does), and
 * reorders `changes` into the order they were applied: the session's batch, given them in
 * that order, takes each in its first pass in the same state. Checks the targets, the
 * protected symbols (moved[i] for each that changed) and every change, and leaves the result
 * in place; the caller restores the snapshot. *culprit names what failed first.
 */
bool check_holds(const struct verify_check *c);
enum verify_result verify_candidate(struct candidate_change *changes, int count, const struct verify_check *targets,
				    int target_count, struct symbol **protect, int protect_count, bool *moved,
				    const struct snapshot *before, struct symbol **culprit);

#endif
