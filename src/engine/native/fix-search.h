/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fix search's own state, shared by fix-search.c (the search and its answer) and
 * fix-explain.c (what blocks a target). Include after "lkc.h", "frontend.h" and "fix.h".
 */
#ifndef TUXCONF_FIX_SEARCH_H
#define TUXCONF_FIX_SEARCH_H

#define DEFAULT_BUDGET_MS 10000
#define MAX_ROUNDS 12
#define MAX_PATH 8
#define MAX_DEPTH 10
/* The cardinality search: at most this many counter variables, for at most this long. */
#define COUNTER_LIMIT 60000
#define IMPROVE_MS 300

enum target_status { T_OPEN, T_MET, T_FIXABLE, T_IMPOSSIBLE };

struct path_step {
	struct symbol *sym;
	char *term;
	const char *relation;
};

struct blocker {
	const char *kind;
	struct symbol *sym;
	const char *name; /* for symbols that do not exist */
	char *term;
	struct path_step path[MAX_PATH];
	int path_len;
	char *range[2];
	struct symbol **with;
	int with_count;
	const char *choice;
};

struct target {
	char *name;
	char *want;
	struct symbol *sym;
	tristate tri;
	bool is_tri;
	/* NAME>=VALUE: a tristate at VALUE or above (m or y for m), the lowest that can be had preferred. */
	bool at_least;
	enum target_status status;
	int lit;
	struct blocker b;
};

struct decision {
	int lit;
	int dist;
	int sym;    /* syms[] index, or -1 */
	int choice; /* choice index, or -1 */
};

struct ivec {
	int *v;
	size_t n, cap;
};

void ivec_push(struct ivec *a, int x);

struct effect {
	struct symbol *sym;
	char *from, *to;
};

struct search {
	struct fix_enc e;
	struct target *targets;
	int ntargets;
	struct symbol **protect;
	int *plit;
	bool *pkept;
	int nprotect;
	bool strict;
	/* No user value may go below the symbol's value now (y to m or n, m to n). */
	bool never_lower;
	double deadline;
	bool timed_out;
	struct decision *dec;
	int ndec;
	struct snapshot *snap;
	int candidates, rejected, depth;
	double encode_ms, verify_ms;
	struct candidate_change *changes;
	int nchanges;
	struct effect *effects;
	int neffects;
	size_t effects_cap;
	bool found;
	/*
	 * Not strict: the first candidate that held except for protected symbols the encoding
	 * does not model (int/hex/string values, defaults of hidden symbols). Offered, saying
	 * so, when no candidate keeps them.
	 */
	struct candidate_change *fallback;
	int nfallback;
	bool *fallback_moved;
	/* Strict: the protected symbol that every rejected candidate moved, if it was always one. */
	struct symbol *protect_culprit;
	int protect_rejections;
};

double now_ms(void);
int solve(struct search *s, const int *lits, size_t n);

/* fix-explain.c */
bool has_prompt_sym(struct symbol *sym);
struct expr *first_prompt_condition(struct symbol *sym);
const char *choice_prompt_of(struct symbol *sym);
/* Why a target that cannot be had cannot: with other targets (or protected symbols), or on its own. */
void explain(struct search *s, struct target *t);

#endif
