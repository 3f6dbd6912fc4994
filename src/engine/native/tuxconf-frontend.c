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
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lkc.h"
#include "frontend.h"

#ifdef TUX_HAVE_MENU_FILENAME
#define MENU_FILE(m) ((m)->filename)
#define PROP_FILE(p) ((p)->filename)
#else
#define MENU_FILE(m) ((m)->file ? (m)->file->name : "")
#define PROP_FILE(p) ((p)->file ? (p)->file->name : "")
#endif

/* ---------------------------------------------------------------- fatal errors and memory */

/* The real stderr: while the library's messages are captured, fd 2 is a temporary file. */
int diag_fd = 2;

/*
 * Ends the process with a message on the real stderr; the TypeScript side sees the frontend
 * die, keeps the message and starts a new one. _exit, so no half-written reply is flushed.
 */
void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...)
{
	char msg[512];
	size_t n;
	va_list ap;

	n = (size_t)snprintf(msg, sizeof(msg), "tuxconf-kconfig: ");
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
	va_end(ap);
	n = strlen(msg);
	msg[n++] = '\n';
	if (write(diag_fd, msg, n) < 0) {
		/* Nothing left to report it on. */
	}
	_exit(1);
}

void *tux_alloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory (allocating %zu bytes)", size);
	return p;
}

void *tux_zalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		die("out of memory (allocating %zu items of %zu bytes)", count, size);
	return p;
}

/* realloc() of an array, with the multiplication checked. */
void *tux_realloc_array(void *old, size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size)
		die("out of memory (%zu items of %zu bytes)", count, size);
	p = realloc(old, count && size ? count * size : 1);
	if (!p)
		die("out of memory (allocating %zu bytes)", count * size);
	return p;
}

/* Room for `need` items in an array of *cap items, doubling from `first`. */
void *tux_reserve(void *array, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t c = *cap ? *cap : first;

	if (need <= *cap)
		return array;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			die("out of memory (%zu items of %zu bytes)", need, size);
		c *= 2;
	}
	array = tux_realloc_array(array, c, size);
	*cap = c;
	return array;
}

char *tux_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(tux_alloc(n), s, n);
}

static char *tux_vformat(const char *fmt, va_list ap)
{
	va_list again;
	char *s;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0)
		die("cannot format the message \"%s\"", fmt);
	s = tux_alloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char * __attribute__((format(printf, 1, 2))) tux_format(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = tux_vformat(fmt, ap);
	va_end(ap);
	return s;
}

/* ---------------------------------------------------------------- output */

FILE *proto;

void out_raw(const char *s) { fputs(s, proto); }

void __attribute__((format(printf, 1, 2))) out_fmt(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(proto, fmt, ap);
	va_end(ap);
}

void out_str(const char *s)
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


void reply_head(req_id id, bool ok)
{
	if (id == NO_ID)
		out_fmt("{\"id\":null,\"ok\":%s", ok ? "true" : "false");
	else
		out_fmt("{\"id\":%lld,\"ok\":%s", id, ok ? "true" : "false");
}

void out_end(void)
{
	fputs("}\n", proto);
	fflush(proto);
}

/* ---------------------------------------------------------------- request parsing */

/*
 * A request is one line holding a flat JSON object whose values are strings, whole numbers or
 * booleans. Anything else is refused with the column where the problem is, never guessed at:
 * one reply per line, always, so the conversation stays in step. String bytes other than
 * control characters are taken as they are (kconfig values are bytes, not checked UTF-8).
 */
#define MAX_REQUEST_BYTES ((size_t)16 << 20)
/* 2^53 - 1: the largest whole number a JavaScript number holds exactly. */
#define MAX_SAFE_ID 9007199254740991LL

static const char *const key_names[K_COUNT] = {
	"id", "op", "name", "value", "path", "node", "flag", "targets", "protect", "freeze", "budget", "neverLower",
};
static const char *const key_types[K_COUNT] = {
	"a whole number", "a string", "a string", "a string", "a string", "a whole number", "true or false",
	"a string", "a string", "a string", "a whole number", "true or false",
};

static void req_free(struct request *r)
{
	free(r->op);
	free(r->name);
	free(r->value);
	free(r->path);
	free(r->targets);
	free(r->protect);
	free(r->freeze);
}

/* What is wrong with a request, and the 1-based byte column where it is. */
struct request_error {
	char *message;
	size_t column;
};

struct reader {
	const unsigned char *s;
	size_t len, pos;
	struct request_error *err;
};

static bool __attribute__((format(printf, 3, 4))) fail_at(struct reader *rd, size_t pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rd->err->message = tux_vformat(fmt, ap);
	va_end(ap);
	rd->err->column = pos + 1;
	return false;
}

/* A byte as an error message names it. */
static const char *byte_name(const struct reader *rd, size_t pos, char out[24])
{
	unsigned char c;

	if (pos >= rd->len)
		return "the end of the line";
	c = rd->s[pos];
	if (c > 0x20 && c < 0x7f && c != '\'')
		snprintf(out, 24, "'%c'", c);
	else if (c < 0x80)
		snprintf(out, 24, "U+%04X", c);
	else
		snprintf(out, 24, "byte 0x%02X", c);
	return out;
}

static void skip_ws(struct reader *rd)
{
	while (rd->pos < rd->len) {
		unsigned char c = rd->s[rd->pos];

		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			break;
		rd->pos++;
	}
}

static bool at(const struct reader *rd, char c) { return rd->pos < rd->len && rd->s[rd->pos] == (unsigned char)c; }

static char *put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/* The value of four hexadecimal digits at pos, or -1 when there are not four. */
static long hex4(const struct reader *rd, size_t pos)
{
	long v = 0;
	size_t i;

	if (pos > rd->len || rd->len - pos < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		unsigned char c = rd->s[pos + i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The escape sequence at rd->pos (a backslash); appends its bytes at *o. */
static bool read_escape(struct reader *rd, char **o)
{
	size_t start = rd->pos;
	char name[24];
	long cp, low;

	if (rd->pos + 1 >= rd->len)
		return fail_at(rd, start, "unterminated escape: '\\' at the end of the line");
	switch (rd->s[rd->pos + 1]) {
	case '"': *(*o)++ = '"'; break;
	case '\\': *(*o)++ = '\\'; break;
	case '/': *(*o)++ = '/'; break;
	case 'b': *(*o)++ = '\b'; break;
	case 'f': *(*o)++ = '\f'; break;
	case 'n': *(*o)++ = '\n'; break;
	case 'r': *(*o)++ = '\r'; break;
	case 't': *(*o)++ = '\t'; break;
	case 'u':
		cp = hex4(rd, start + 2);
		if (cp < 0)
			return fail_at(rd, start, "invalid escape: \\u needs four hexadecimal digits");
		if (cp == 0)
			return fail_at(rd, start, "\\u0000 (NUL) cannot be part of a kconfig value");
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return fail_at(rd, start, "lone low surrogate \\u%04lX (it must follow a high surrogate)", cp);
		if (cp >= 0xd800 && cp <= 0xdbff) {
			low = start + 7 < rd->len && rd->s[start + 6] == '\\' && rd->s[start + 7] == 'u' ?
				      hex4(rd, start + 8) : -1;
			if (low < 0xdc00 || low > 0xdfff)
				return fail_at(rd, start,
					       "lone high surrogate \\u%04lX (it must be followed by a low surrogate \\uDC00-\\uDFFF)",
					       cp);
			cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
			rd->pos += 6;
		}
		*o = put_utf8(*o, (unsigned long)cp);
		rd->pos += 6;
		return true;
	default:
		return fail_at(rd, start, "invalid escape: '\\' followed by %s (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
			       byte_name(rd, start + 1, name));
	}
	rd->pos += 2;
	return true;
}

/* The string at rd->pos (its opening quote), decoded into a new buffer. */
static bool read_string(struct reader *rd, char **out)
{
	size_t open = rd->pos;
	/* Decoding never makes a string longer: every escape is at least as long as its bytes. */
	char *buf = tux_alloc(rd->len - rd->pos), *o = buf;

	rd->pos++;
	for (;;) {
		unsigned char c;

		if (rd->pos >= rd->len) {
			free(buf);
			return fail_at(rd, open, "unterminated string: no closing '\"' before the end of the line");
		}
		c = rd->s[rd->pos];
		if (c == '"')
			break;
		if (c == '\\') {
			if (!read_escape(rd, &o)) {
				free(buf);
				return false;
			}
			continue;
		}
		if (c == 0) {
			free(buf);
			return fail_at(rd, rd->pos, "NUL byte in a string (a kconfig value cannot hold NUL)");
		}
		if (c < 0x20) {
			free(buf);
			return fail_at(rd, rd->pos, "control character U+%04X in a string (JSON needs it escaped)", c);
		}
		*o++ = (char)c;
		rd->pos++;
	}
	rd->pos++;
	*o = 0;
	*out = buf;
	return true;
}

static bool is_digit(const struct reader *rd, size_t pos) { return pos < rd->len && rd->s[pos] >= '0' && rd->s[pos] <= '9'; }

/*
 * The JSON number at rd->pos. *whole is false for fractions and exponents; *value is the number
 * when whole and within +-MAX_SAFE_ID, else LLONG_MIN/LLONG_MAX by sign (out of every range).
 */
static bool read_number(struct reader *rd, long long *value, bool *whole)
{
	unsigned long long magnitude = 0;
	bool negative = at(rd, '-'), huge = false;
	char name[24];

	if (negative)
		rd->pos++;
	if (!is_digit(rd, rd->pos))
		return fail_at(rd, rd->pos, "invalid number: a digit must follow '-', found %s", byte_name(rd, rd->pos, name));
	if (rd->s[rd->pos] == '0' && is_digit(rd, rd->pos + 1))
		return fail_at(rd, rd->pos, "invalid number: JSON numbers have no leading zeros");
	for (; is_digit(rd, rd->pos); rd->pos++) {
		if (magnitude > (unsigned long long)MAX_SAFE_ID)
			huge = true;
		else
			magnitude = magnitude * 10 + (unsigned)(rd->s[rd->pos] - '0');
	}
	*whole = true;
	if (at(rd, '.')) {
		rd->pos++;
		if (!is_digit(rd, rd->pos))
			return fail_at(rd, rd->pos, "invalid number: a digit must follow '.', found %s", byte_name(rd, rd->pos, name));
		while (is_digit(rd, rd->pos))
			rd->pos++;
		*whole = false;
	}
	if (at(rd, 'e') || at(rd, 'E')) {
		rd->pos++;
		if (at(rd, '+') || at(rd, '-'))
			rd->pos++;
		if (!is_digit(rd, rd->pos))
			return fail_at(rd, rd->pos, "invalid number: a digit must follow the exponent, found %s",
				       byte_name(rd, rd->pos, name));
		while (is_digit(rd, rd->pos))
			rd->pos++;
		*whole = false;
	}
	if (huge || magnitude > (unsigned long long)MAX_SAFE_ID)
		*value = negative ? LLONG_MIN : LLONG_MAX;
	else
		*value = negative ? -(long long)magnitude : (long long)magnitude;
	return true;
}

static bool literal(struct reader *rd, const char *word)
{
	size_t n = strlen(word);

	if (rd->len - rd->pos < n || memcmp(rd->s + rd->pos, word, n))
		return false;
	rd->pos += n;
	return true;
}

static bool wrong_type(struct reader *rd, size_t pos, enum req_key k, const char *found)
{
	return fail_at(rd, pos, "\"%s\" must be %s, not %s", key_names[k], key_types[k], found);
}

/* The value of key k at rd->pos, stored into the request. */
static bool read_value(struct reader *rd, struct request *r, enum req_key k)
{
	size_t start = rd->pos;
	char name[24];

	r->column[k] = start + 1;
	if (at(rd, '"')) {
		char *s, **slot = k == K_OP ? &r->op : k == K_NAME ? &r->name : k == K_VALUE ? &r->value :
				  k == K_PATH ? &r->path : k == K_TARGETS ? &r->targets :
				  k == K_PROTECT ? &r->protect : k == K_FREEZE ? &r->freeze : NULL;

		if (!slot)
			return wrong_type(rd, start, k, "a string");
		if (!read_string(rd, &s))
			return false;
		*slot = s;
		return true;
	}
	if (at(rd, '-') || is_digit(rd, rd->pos)) {
		long long v = 0;
		bool whole = false;

		if (!read_number(rd, &v, &whole))
			return false;
		if (k != K_ID && k != K_NODE && k != K_BUDGET)
			return wrong_type(rd, start, k, "a number");
		if (!whole)
			return fail_at(rd, start, "\"%s\" must be a whole number, without fraction or exponent", key_names[k]);
		if (k == K_ID) {
			if (v < 0 || v > MAX_SAFE_ID)
				return fail_at(rd, start, "\"id\" is out of range (0 to %lld)", MAX_SAFE_ID);
			r->id = v;
		} else {
			if (v < 0 || v > INT_MAX)
				return fail_at(rd, start, "\"%s\" is out of range (0 to %d)", key_names[k], INT_MAX);
			if (k == K_NODE)
				r->node = (int)v;
			else
				r->budget = (int)v;
		}
		return true;
	}
	if (literal(rd, "true") || literal(rd, "false")) {
		if (k != K_FLAG && k != K_NEVER_LOWER)
			return wrong_type(rd, start, k, "a boolean");
		*(k == K_FLAG ? &r->flag : &r->never_lower) = rd->s[start] == 't';
		return true;
	}
	if (literal(rd, "null"))
		return wrong_type(rd, start, k, "null");
	if (at(rd, '{') || at(rd, '['))
		return wrong_type(rd, start, k, at(rd, '{') ? "an object (requests are flat)" : "an array (requests are flat)");
	return fail_at(rd, start, "expected a value for \"%s\", found %s", key_names[k], byte_name(rd, start, name));
}

/* A key for messages: at most 40 bytes of it, cut before a UTF-8 continuation byte. */
static char *shown_key(const char *key)
{
	size_t n = strlen(key);

	if (n <= 40)
		return tux_format("\"%s\"", key);
	for (n = 40; n > 0 && ((unsigned char)key[n] & 0xc0) == 0x80; n--)
		;
	return tux_format("\"%.*s...\"", (int)n, key);
}

static bool read_key(struct reader *rd, struct request *r, enum req_key *k)
{
	size_t start = rd->pos;
	char *key, *shown;
	int i;

	if (!read_string(rd, &key))
		return false;
	for (i = 0; i < K_COUNT && strcmp(key, key_names[i]); i++)
		;
	if (i == K_COUNT) {
		shown = shown_key(key);
		free(key);
		fail_at(rd, start, "unknown key %s (requests have id, op, name, value, path, node, flag, targets, protect, freeze, budget)", shown);
		free(shown);
		return false;
	}
	free(key);
	if (r->seen[i])
		return fail_at(rd, start, "duplicate key \"%s\"", key_names[i]);
	r->seen[i] = true;
	*k = (enum req_key)i;
	return true;
}

/* Reads a request line of len bytes (it may hold NUL bytes; they are refused). */
static bool parse_request(const char *line, size_t len, struct request *r, struct request_error *err)
{
	struct reader rd = { (const unsigned char *)line, len, 0, err };
	char name[24];

	memset(r, 0, sizeof(*r));
	r->id = NO_ID;
	r->node = -1;
	r->budget = -1;
	skip_ws(&rd);
	if (rd.pos >= len)
		return fail_at(&rd, rd.pos, "empty request (expected a JSON object)");
	if (!at(&rd, '{'))
		return fail_at(&rd, rd.pos, "a request must be a JSON object, found %s", byte_name(&rd, rd.pos, name));
	rd.pos++;
	skip_ws(&rd);
	if (!at(&rd, '}')) {
		for (;;) {
			enum req_key k = K_ID;

			skip_ws(&rd);
			if (!at(&rd, '"'))
				return fail_at(&rd, rd.pos, "expected a key in double quotes, found %s",
					       byte_name(&rd, rd.pos, name));
			if (!read_key(&rd, r, &k))
				return false;
			skip_ws(&rd);
			if (!at(&rd, ':'))
				return fail_at(&rd, rd.pos, "expected ':' after \"%s\", found %s", key_names[k],
					       byte_name(&rd, rd.pos, name));
			rd.pos++;
			skip_ws(&rd);
			if (!read_value(&rd, r, k))
				return false;
			skip_ws(&rd);
			if (at(&rd, ','))
				rd.pos++;
			else if (at(&rd, '}'))
				break;
			else
				return fail_at(&rd, rd.pos, "expected ',' or '}' after the value of \"%s\", found %s",
					       key_names[k], byte_name(&rd, rd.pos, name));
		}
	}
	r->end_column = rd.pos + 1;
	rd.pos++;
	skip_ws(&rd);
	if (rd.pos < len)
		return fail_at(&rd, rd.pos, "unexpected %s after the end of the request", byte_name(&rd, rd.pos, name));
	return true;
}

/* What each op needs; checked before anything runs. */
enum { NEEDS_NAME = 1, NEEDS_VALUE = 2, NEEDS_PATH = 4, NEEDS_NODE_OR_NAME = 8, NEEDS_TARGETS = 16 };

static const struct op_spec {
	const char *op;
	unsigned needs;
} op_specs[] = {
	{ "tree", 0 },
	{ "state", 0 },
	{ "changes", 0 },
	{ "load", 0 },
	{ "set", NEEDS_NAME | NEEDS_VALUE },
	{ "apply", NEEDS_NAME | NEEDS_VALUE },
	{ "explain", NEEDS_NAME },
	{ "help", NEEDS_NODE_OR_NAME },
	{ "save", NEEDS_PATH },
	{ "savedefconfig", NEEDS_PATH },
	{ "autoconf", NEEDS_PATH },
	{ "lock", NEEDS_PATH },
	{ "fix", NEEDS_TARGETS },
	{ "deps", 0 },
	{ "quit", 0 },
};

static bool check_request(const struct request *r, struct request_error *err)
{
	struct reader rd = { NULL, 0, 0, err };
	const struct op_spec *spec = NULL;
	size_t i;
	char *shown;

	if (!r->op)
		return fail_at(&rd, r->end_column - 1, "the request has no \"op\"");
	for (i = 0; i < sizeof(op_specs) / sizeof(op_specs[0]); i++)
		if (!strcmp(r->op, op_specs[i].op))
			spec = &op_specs[i];
	if (!spec) {
		shown = shown_key(r->op);
		fail_at(&rd, r->column[K_OP] - 1,
			"unknown op %s (known: tree, state, changes, load, set, apply, explain, help, save, savedefconfig, autoconf, lock, fix, deps, quit)", shown);
		free(shown);
		return false;
	}
	if ((spec->needs & NEEDS_NAME) && !r->name)
		return fail_at(&rd, r->end_column - 1, "\"%s\" needs \"name\"", spec->op);
	if ((spec->needs & NEEDS_VALUE) && !r->value)
		return fail_at(&rd, r->end_column - 1, "\"%s\" needs \"value\"", spec->op);
	if ((spec->needs & NEEDS_NODE_OR_NAME) && !r->name && !r->seen[K_NODE])
		return fail_at(&rd, r->end_column - 1, "\"%s\" needs \"node\" or \"name\"", spec->op);
	if ((spec->needs & NEEDS_TARGETS) && !r->targets)
		return fail_at(&rd, r->end_column - 1, "\"%s\" needs \"targets\"", spec->op);
	if ((spec->needs & NEEDS_PATH) && !r->path)
		return fail_at(&rd, r->end_column - 1, "\"%s\" needs \"path\"", spec->op);
	if (r->path && !*r->path)
		return fail_at(&rd, r->column[K_PATH] - 1, "\"path\" must not be empty");
	return true;
}

/*
 * Reads one line without its newline into *buf (NUL-terminated; it may hold NUL bytes).
 * Past MAX_REQUEST_BYTES the rest of the line is read and dropped, and *too_long is set.
 * False at the end of the input.
 */
static bool read_line(FILE *in, char **buf, size_t *cap, size_t *len, bool *too_long)
{
	size_t n = 0;
	bool any = false;
	int c;

	*too_long = false;
	*buf = tux_reserve(*buf, cap, 1, 1, 4096);
	while ((c = getc_unlocked(in)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (n >= MAX_REQUEST_BYTES) {
			*too_long = true;
			continue;
		}
		*buf = tux_reserve(*buf, cap, n + 2, 1, 4096);
		(*buf)[n++] = (char)c;
	}
	(*buf)[n] = 0;
	*len = n;
	return any;
}

/* ---------------------------------------------------------------- the menu and symbol tables */

struct menu **nodes;
int node_count;
static size_t node_cap;
struct symbol **syms;
int sym_count;
static size_t sym_cap;

/* Each symbol's `config` entries (menu nodes), in menu order; kernels before 6.10 keep no such list. */
struct node_list {
	int *ids;
	int count;
};
static struct node_list *sym_nodes;

/* Symbol pointer -> index, open addressing; kept at most half full (a power of two in size). */
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

int sym_index(const struct symbol *sym)
{
	size_t i;

	if (!sym || !sym_slots)
		return -1;
	for (i = ptr_hash(sym) & (sym_slots - 1); sym_keys[i]; i = (i + 1) & (sym_slots - 1))
		if (sym_keys[i] == sym)
			return sym_vals[i];
	return -1;
}

static void sym_slot_put(struct symbol *sym, int idx)
{
	size_t i = ptr_hash(sym) & (sym_slots - 1);

	while (sym_keys[i])
		i = (i + 1) & (sym_slots - 1);
	sym_keys[i] = sym;
	sym_vals[i] = idx;
}

/* Adds syms[idx]; the table doubles before it would be more than half full. */
static void sym_index_put(struct symbol *sym, int idx)
{
	if (((size_t)sym_count + 1) * 2 > sym_slots) {
		size_t slots = sym_slots ? sym_slots * 2 : 1024;
		int i;

		if (slots > SIZE_MAX / 2 / sizeof(*sym_keys))
			die("too many symbols (%d)", sym_count);
		free(sym_keys);
		free(sym_vals);
		sym_keys = tux_zalloc(slots, sizeof(*sym_keys));
		sym_vals = tux_zalloc(slots, sizeof(*sym_vals));
		sym_slots = slots;
		for (i = 0; i < idx; i++)
			sym_slot_put(syms[i], i);
	}
	sym_slot_put(sym, idx);
}

int node_id(const struct menu *m) { return m ? (int)(intptr_t)m->data - 1 : -1; }

static void collect(struct menu *m)
{
	struct menu *child;

	if (node_count == INT_MAX)
		die("too many menu nodes");
	nodes = tux_reserve(nodes, &node_cap, (size_t)node_count + 1, sizeof(*nodes), 4096);
	nodes[node_count] = m;
	m->data = (void *)(intptr_t)(node_count + 1);
	node_count++;
	if (m->sym && m->sym->name && sym_index(m->sym) < 0) {
		syms = tux_reserve(syms, &sym_cap, (size_t)sym_count + 1, sizeof(*syms), 4096);
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

	collect(&rootmenu);
	sym_nodes = tux_zalloc((size_t)sym_count, sizeof(*sym_nodes));
	for (i = 0; i < node_count; i++) {
		int idx = nodes[i]->sym ? sym_index(nodes[i]->sym) : -1;
		struct node_list *list;

		if (idx < 0)
			continue;
		list = &sym_nodes[idx];
		list->ids = tux_realloc_array(list->ids, (size_t)list->count + 1, sizeof(*list->ids));
		list->ids[list->count++] = i;
	}
}

/* ---------------------------------------------------------------- choices (the API moved in 6.11) */

struct menu *choice_menu_of(struct symbol *sym)
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

struct symbol *choice_selected(struct menu *choice)
{
#ifdef TUX_HAVE_CHOICE_SET_VALUE
	return sym_calc_choice(choice);
#else
	sym_calc_value(choice->sym);
	return sym_get_choice_value(choice->sym);
#endif
}

bool choice_select(struct symbol *sym)
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

bool is_choice_node(struct menu *m) { return m->sym && sym_is_choice(m->sym); }

/* ---------------------------------------------------------------- expressions */

static void expr_to_gstr(void *data, struct symbol *sym, const char *str)
{
	(void)sym;
	str_append((struct gstr *)data, str);
}

/* The expression as Kconfig source spells it, without current values. */
char *expr_text(struct expr *e)
{
	struct gstr gs = str_new();
	char *s;

	if (e)
		expr_print(e, expr_to_gstr, &gs, E_NONE);
	s = tux_strdup(str_get(&gs));
	str_free(&gs);
	return s;
}

static void out_expr(struct expr *e)
{
	char *s = expr_text(e);

	out_str(s);
	free(s);
}

const char *tri_name(tristate t) { return t == yes ? "y" : t == mod ? "m" : "n"; }

/* What a term is, so that it can be said in words: a symbol, a negated symbol, a comparison, or more. */
static const char *term_shape(const struct expr *t)
{
	switch (t->type) {
	case E_SYMBOL:
		return "symbol";
	case E_NOT:
		return t->left.expr->type == E_SYMBOL ? "not-symbol" : "expr";
	case E_EQUAL:
	case E_UNEQUAL:
	case E_LTH:
	case E_LEQ:
	case E_GTH:
	case E_GEQ:
		return "compare";
	default:
		return "expr";
	}
}

/*
 * Writes the terms of e split at its top-level `split` operator (&& or ||), each with its value:
 * with want_active the terms that are not n (active selects), else those below `below`
 * (the dependencies that keep a value out of reach).
 */
static void out_terms(struct expr *e, enum expr_type split, tristate below, bool want_active)
{
	struct expr **stack;
	size_t sp = 0, cap = 64;
	bool first = true;

	if (!e)
		return;
	stack = tux_realloc_array(NULL, cap, sizeof(*stack));
	stack[sp++] = e;
	while (sp) {
		struct expr *t = stack[--sp], *lead;
		struct gstr gs;
		tristate v;

		if (t->type == split) {
			stack = tux_reserve(stack, &cap, sp + 2, sizeof(*stack), 64);
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
		out_fmt(",\"shape\":\"%s\"}", term_shape(t));
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
static void op_tree(req_id id)
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

/*
 * The state as last reported (by state, changes or set): what the next answer with only the
 * changes is taken against. Until a state was reported, such an answer lists everything.
 */
static struct sym_state *sym_prev;
static struct node_state *node_prev;
static bool prev_reported;

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

/* Field by field: the struct's padding bytes are never set. */
static bool node_state_eq(const struct node_state *a, const struct node_state *b)
{
	return a->visible == b->visible && a->empty == b->empty && a->selected == b->selected;
}

/*
 * Recomputes every value; writes either all of them or, each with its index, only those that
 * changed since the state last reported (all of them when none was).
 */
static void out_state(bool only_changes)
{
	struct sym_state st;
	struct node_state ns;
	bool first = true, all = !prev_reported;
	int i;

	if (!sym_prev) {
		sym_prev = tux_zalloc((size_t)sym_count, sizeof(*sym_prev));
		node_prev = tux_zalloc((size_t)node_count, sizeof(*node_prev));
	}
	prev_reported = true;
	out_raw(",\"result\":{\"symbols\":[");
	for (i = 0; i < sym_count; i++) {
		read_sym_state(syms[i], &st);
		if (only_changes && !all && sym_state_eq(&st, &sym_prev[i]))
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
		sym_prev[i].value = tux_strdup(st.value);
	}
	out_raw("],\"nodes\":[");
	first = true;
	for (i = 0; i < node_count; i++) {
		read_node_state(nodes[i], &ns);
		if (only_changes && !all && node_state_eq(&ns, &node_prev[i]))
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
static size_t message_count, message_cap;

static void on_message(const char *s)
{
	messages = tux_reserve(messages, &message_cap, message_count + 1, sizeof(*messages), 16);
	messages[message_count++] = tux_strdup(s);
}

static void out_messages(void)
{
	size_t i;

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

int __real_fclose(FILE *stream);

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
	if (saved_stderr < 0 || dup2(fileno(capture), 2) < 0) {
		if (saved_stderr >= 0)
			close(saved_stderr);
		saved_stderr = -1;
		__real_fclose(capture);
		capture = NULL;
		return;
	}
	diag_fd = saved_stderr;
}

static void capture_end(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool first = true;

	out_raw(",\"warnings\":[");
	if (capture) {
		fflush(stderr);
		dup2(saved_stderr, 2);
		close(saved_stderr);
		saved_stderr = -1;
		diag_fd = 2;
		rewind(capture);
		while ((n = getline(&line, &cap, capture)) > 0) {
			if (line[n - 1] == '\n')
				line[n - 1] = 0;
			if (!*line)
				continue;
			if (!first)
				out_raw(",");
			out_str(line);
			first = false;
		}
		free(line);
		__real_fclose(capture);
		capture = NULL;
	}
	out_raw("]");
}

/* ---------------------------------------------------------------- operations */

void __attribute__((format(printf, 3, 4))) reply_error(req_id id, const char *code, const char *fmt, ...)
{
	va_list ap;
	char *message;

	va_start(ap, fmt);
	message = tux_vformat(fmt, ap);
	va_end(ap);
	reply_head(id, false);
	out_fmt(",\"code\":\"%s\",\"error\":", code);
	out_str(message);
	out_end();
	free(message);
}

/* A request that was not understood: the reason and where in the line. */
static void reply_rejected(req_id id, const struct request_error *err)
{
	reply_head(id, false);
	out_raw(",\"code\":\"usage\",\"error\":");
	{
		char *message = tux_format("malformed request at column %zu: %s", err->column, err->message);

		out_str(message);
		free(message);
	}
	out_fmt(",\"column\":%zu", err->column);
	out_end();
}

struct symbol *find_named(const char *name)
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

/*
 * KCONFIG_DEFCONFIG_LIST as the process was given it: conf_read() of 6.12 cuts the variable
 * into words in place, so a second read of a missing config would see only its first word.
 */
static char *defconfig_list;

static void op_load(struct request *r)
{
	int err;

	if (r->path)
		setenv("KCONFIG_CONFIG", r->path, 1);
	if (defconfig_list)
		setenv("KCONFIG_DEFCONFIG_LIST", defconfig_list, 1);
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

tristate parse_tri(const char *v, bool *ok)
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

/*
 * Applies one value request as menuconfig would: NULL when it was taken (or the symbol already
 * holds the value), else the refusal code. Nothing changes when it is refused. The fix search
 * applies its candidates through this too, so that they are judged exactly as `set` judges.
 */
const char *apply_value(struct symbol *sym, const char *v)
{
	bool ok;

	sym_calc_value(sym);
	if (sym->type == S_BOOLEAN || sym->type == S_TRISTATE) {
		tristate want = parse_tri(v, &ok);

		if (!ok || (sym->type == S_BOOLEAN && want == mod))
			return "invalid";
		if (choice_menu_of(sym)) {
			if (want == sym_get_tristate_value(sym))
				return NULL;
			if (want == yes && choice_select(sym))
				return NULL;
			return want == yes ? "not-visible" : "choice";
		}
		if (!sym_tristate_within_range(sym, want)) {
			if (want == sym_get_tristate_value(sym))
				return NULL;
			return want < sym->rev_dep.tri ? "selected" : sym->visible == no ? "not-visible" : "limited";
		}
		sym_set_tristate_value(sym, want);
		return NULL;
	}
	if (sym->type == S_INT || sym->type == S_HEX || sym->type == S_STRING) {
		if (!sym_string_valid(sym, v))
			return "invalid";
		if (sym->visible == no)
			return strcmp(v, sym_get_string_value(sym)) ? "not-visible" : NULL;
		if (!sym_string_within_range(sym, v))
			return "out-of-range";
		if (!sym_set_string_value(sym, v))
			return "not-visible";
		return NULL;
	}
	return "invalid";
}

/* set: the value, and what changed; apply (a step replayed): the value only, the changes left for a later `changes`. */
static void op_set(struct request *r, bool report)
{
	struct symbol *sym = find_named(r->name);
	const char *code;

	if (!sym) {
		reply_error(r->id, "unknown", "unknown symbol %s", r->name ? r->name : "");
		return;
	}
	code = apply_value(sym, r->value ? r->value : "");
	if (code) {
		refuse_set(r, sym, code);
		return;
	}
	reply_head(r->id, true);
	if (report)
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

/*
 * Checked writes. The library's writers (conf_write, conf_write_autoconf, conf_write_defconfig)
 * ignore what fclose() returns and rename their temporary file into place anyway, so a full
 * disk used to install a truncated .config and report success. The link wraps fclose() and
 * rename() (-Wl,--wrap=fclose,--wrap=rename): a stream written through is flushed, checked and
 * fsync'ed before it is closed; once a write of the current request failed, no rename happens,
 * the files whose writes failed are removed, and the request reports the first failure's cause.
 * fflush() is wrapped too: the autoconf writers flush and test ferror() themselves, and glibc
 * drops the buffer of a failed flush, so the cause would be gone by the time of fclose().
 */
int __real_rename(const char *from, const char *to);
int __real_fflush(FILE *stream);
int __wrap_fflush(FILE *stream);
int __wrap_fclose(FILE *stream);
int __wrap_rename(const char *from, const char *to);

/* The errno of the first failed write of the current request; 0 when none failed. */
static int write_failure;

struct failed_file {
	dev_t dev;
	ino_t ino;
	char *path; /* NULL when /proc could not name it */
};
static struct failed_file *failed_files;
static size_t failed_count, failed_cap;

/* The path an open file descriptor names, from /proc; NULL when unknown. */
static char *fd_path(int fd)
{
	char link[64];
	size_t size = 256;
	char *path = NULL;
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	for (;;) {
		path = tux_realloc_array(path, size, 1);
		n = readlink(link, path, size);
		if (n < 0) {
			free(path);
			return NULL;
		}
		if ((size_t)n < size)
			break;
		size *= 2;
	}
	path[n] = 0;
	return path;
}

static void remember_failed_file(int fd, const struct stat *st)
{
	failed_files = tux_reserve(failed_files, &failed_cap, failed_count + 1, sizeof(*failed_files), 4);
	failed_files[failed_count].dev = st->st_dev;
	failed_files[failed_count].ino = st->st_ino;
	failed_files[failed_count].path = fd_path(fd);
	failed_count++;
}

/* Removes the files whose writes failed (temporary files nothing renamed), checking they are still the same. */
static void discard_failed_files(void)
{
	size_t i;

	for (i = 0; i < failed_count; i++) {
		struct failed_file *f = &failed_files[i];
		struct stat st;

		if (f->path && !lstat(f->path, &st) && st.st_dev == f->dev && st.st_ino == f->ino)
			unlink(f->path);
		free(f->path);
	}
	failed_count = 0;
}

/*
 * Flushes, checks, fsyncs (regular files) and closes a stream. Returns 0, or the errno of the
 * first failure of a stream that was written to; *written tells whether it could be written.
 */
static int close_checked(FILE *stream, bool *written)
{
	struct stat st;
	bool regular = false;
	int err = 0, fd;

	*written = __fwritable(stream) != 0;
	if (*written) {
		bool had_error = ferror(stream) != 0;

		fd = fileno(stream);
		regular = fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode);
		errno = 0;
		if (__real_fflush(stream))
			err = errno ? errno : EIO;
		else if (had_error)
			err = EIO; /* an earlier write failed and its errno is gone */
		if (!err && regular && fsync(fd))
			err = errno;
		if (err && regular)
			remember_failed_file(fd, &st);
	}
	errno = 0;
	if (__real_fclose(stream) && !err && *written)
		err = errno ? errno : EIO;
	return err;
}

static void note_write_failure(int err)
{
	if (!write_failure)
		write_failure = err ? err : EIO;
}

int __wrap_fflush(FILE *stream)
{
	int result = __real_fflush(stream);

	/* The protocol stream, stdout and stderr are not files the library writes. */
	if (result && stream && stream != proto && stream != stdout && stream != stderr && __fwritable(stream)) {
		int err = errno;

		note_write_failure(err);
		errno = err;
	}
	return result;
}

int __wrap_fclose(FILE *stream)
{
	bool written;
	int err = close_checked(stream, &written);

	if (!err)
		return 0;
	note_write_failure(err);
	errno = err;
	return EOF;
}

int __wrap_rename(const char *from, const char *to)
{
	if (write_failure) {
		errno = write_failure;
		return -1;
	}
	return __real_rename(from, to);
}

/*
 * conf_write_defconfig() writes straight to its file name. Give it a new temporary file in the
 * same directory and put it in place only when every write succeeded. Returns 0 or an errno.
 */
static int write_defconfig(const char *path)
{
	char *tmp = tux_format("%s.tuxconf-XXXXXX", path);
	mode_t mask = umask(0);
	int fd, err = 0;

	umask(mask);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return err;
	}
	/* The mode fopen() would have given it. */
	if (fchmod(fd, 0666 & ~mask))
		err = errno;
	close(fd);
	errno = 0;
	if (!err) {
		if (conf_write_defconfig(tmp))
			err = errno ? errno : -1;
		/*
		 * It clears SYMBOL_WRITE of every symbol it visits and leaves them valid: a
		 * conf_write() after it would skip nearly every symbol. Have them computed again.
		 */
		sym_clear_all_valid();
	}
	if (write_failure)
		err = write_failure;
	if (!err && rename(tmp, path))
		err = errno;
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

/* The symbolic name of the errno values a write can end with (strerrorname_np needs glibc 2.32). */
static const char *errno_name(int err)
{
#define NAME(e) case e: return #e
	switch (err) {
	NAME(ENOSPC); NAME(EDQUOT); NAME(EIO); NAME(EROFS); NAME(EACCES); NAME(EPERM); NAME(EISDIR);
	NAME(ENOENT); NAME(ENOTDIR); NAME(EFBIG); NAME(ENAMETOOLONG); NAME(ELOOP); NAME(EEXIST);
	NAME(EXDEV); NAME(EBUSY); NAME(ETXTBSY); NAME(EMFILE); NAME(ENFILE); NAME(ENOMEM); NAME(EINVAL);
	NAME(EINTR); NAME(ESTALE);
	default: return "";
	}
#undef NAME
}

/* The cause of a failed library write: the failed write's errno, else what errno says; -1 when unknown. */
static int write_error(int status)
{
	if (write_failure)
		return write_failure;
	if (!status)
		return 0;
	return errno ? errno : -1;
}

static void reply_written(struct request *r, int err);

static void op_save(struct request *r, bool defconfig)
{
	struct stat st;
	int err;

	capture_begin();
	errno = 0;
	if (!stat(r->path, &st) && S_ISDIR(st.st_mode)) {
		err = EISDIR;
	} else if (defconfig) {
		err = write_defconfig(r->path);
	} else {
		setenv("KCONFIG_CONFIG", r->path, 1);
		err = write_error(conf_write(NULL));
		/* Like conf: create include/config/auto.conf when it does not exist yet. */
		if (!err && r->flag) {
			errno = 0;
			err = write_error(conf_write_autoconf(0));
		}
	}
	reply_written(r, err);
}

/*
 * Like conf after a save: create include/config/auto.conf (and autoconf.h ...) in the output
 * directory `path` when it does not exist yet. The directory is entered again first: it may
 * have been deleted and made anew since the frontend started there.
 */
/*
 * The save lock: flock(2) on the directory that holds the config, taken (flag true) before the
 * session compares the file on disk with the one it loaded and held until its new file is
 * renamed into place (flag false), so that two tuxconf processes saving the same config cannot
 * both pass the comparison. The kernel releases it when this process ends, however it ends.
 */
#define LOCK_WAIT_MS 10000
#define LOCK_POLL_MS 20

static int save_lock_fd = -1;

static void op_lock(struct request *r)
{
	const struct timespec poll = { 0, LOCK_POLL_MS * 1000000L };
	int waited = 0;
	int fd;

	if (save_lock_fd >= 0) {
		close(save_lock_fd);
		save_lock_fd = -1;
	}
	if (!r->flag) {
		reply_head(r->id, true);
		out_end();
		return;
	}
	fd = open(r->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		reply_head(r->id, false);
		out_raw(",\"code\":\"io\",\"error\":");
		out_str(strerror(err));
		out_raw(",\"errno\":");
		out_str(errno_name(err));
		out_end();
		return;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= LOCK_WAIT_MS) {
			int err = errno;

			close(fd);
			if (err == EWOULDBLOCK)
				reply_error(r->id, "busy", "another program held the lock on %s for %d s", r->path, LOCK_WAIT_MS / 1000);
			else
				reply_error(r->id, "io", "%s", strerror(err));
			return;
		}
		nanosleep(&poll, NULL);
		waited += LOCK_POLL_MS;
	}
	save_lock_fd = fd;
	reply_head(r->id, true);
	out_end();
}

static void op_autoconf(struct request *r)
{
	int err;

	capture_begin();
	errno = 0;
	err = chdir(r->path) ? errno : write_error(conf_write_autoconf(0));
	reply_written(r, err);
}

static void reply_written(struct request *r, int err)
{
	discard_failed_files();
	reply_head(r->id, err == 0);
	if (err > 0) {
		out_raw(",\"code\":\"io\",\"error\":");
		out_str(strerror(err));
		out_raw(",\"errno\":");
		out_str(errno_name(err));
	} else if (err) {
		char *message = tux_format("the kernel's kconfig could not write %s", r->path);

		out_raw(",\"code\":\"io\",\"error\":");
		out_str(message);
		free(message);
	}
	capture_end();
	out_messages();
	out_end();
}

/* ---------------------------------------------------------------- what the parse read */

/*
 * The files and environment variables conf_parse() read, so that the TypeScript side can tell
 * when a cached menu no longer holds: every fopen() for reading, also the failed ones (the lexer
 * tries ./NAME in the output directory before $(srctree)/NAME, so a file appearing there would
 * change the menu), and every getenv() with the value it found. The link wraps both
 * (-Wl,--wrap=fopen,--wrap=getenv); they are recorded only while conf_parse() runs.
 */
FILE *__real_fopen(const char *path, const char *mode);
char *__real_getenv(const char *name);
FILE *__wrap_fopen(const char *path, const char *mode);
char *__wrap_getenv(const char *name);

struct parse_read {
	char *name;
	/* Files: "" when the open succeeded, NULL when it failed. Variables: the value, NULL when unset. */
	char *found;
};

static bool recording_reads;
static struct parse_read *read_files, *read_vars;
static size_t read_file_count, read_file_cap, read_var_count, read_var_cap;

FILE *__wrap_fopen(const char *path, const char *mode)
{
	FILE *f = __real_fopen(path, mode);

	if (recording_reads && path && mode && mode[0] == 'r') {
		read_files = tux_reserve(read_files, &read_file_cap, read_file_count + 1, sizeof(*read_files), 1024);
		read_files[read_file_count].name = tux_strdup(path);
		read_files[read_file_count++].found = f ? tux_strdup("") : NULL;
	}
	return f;
}

char *__wrap_getenv(const char *name)
{
	char *value = __real_getenv(name);
	size_t i;

	if (!recording_reads || !name)
		return value;
	for (i = 0; i < read_var_count; i++)
		if (!strcmp(read_vars[i].name, name))
			return value;
	read_vars = tux_reserve(read_vars, &read_var_cap, read_var_count + 1, sizeof(*read_vars), 32);
	read_vars[read_var_count].name = tux_strdup(name);
	read_vars[read_var_count++].found = value ? tux_strdup(value) : NULL;
	return value;
}

/* {"files":[[path, opened], ...], "env":[[name, value or null], ...]}: paths as the parser gave them (relative to the working directory). */
static void op_deps(req_id id)
{
	size_t i;

	reply_head(id, true);
	out_raw(",\"result\":{\"files\":[");
	for (i = 0; i < read_file_count; i++) {
		out_raw(i ? ",[" : "[");
		out_str(read_files[i].name);
		out_raw(read_files[i].found ? ",true]" : ",false]");
	}
	out_raw("],\"env\":[");
	for (i = 0; i < read_var_count; i++) {
		out_raw(i ? ",[" : "[");
		out_str(read_vars[i].name);
		out_raw(",");
		if (read_vars[i].found)
			out_str(read_vars[i].found);
		else
			out_raw("null");
		out_raw("]");
	}
	out_raw("]}");
	out_end();
}

static void handle(struct request *r)
{
	if (!strcmp(r->op, "tree")) {
		op_tree(r->id);
	} else if (!strcmp(r->op, "state") || !strcmp(r->op, "changes")) {
		reply_head(r->id, true);
		out_state(!strcmp(r->op, "changes"));
		out_end();
	} else if (!strcmp(r->op, "load")) {
		op_load(r);
	} else if (!strcmp(r->op, "set") || !strcmp(r->op, "apply")) {
		op_set(r, !strcmp(r->op, "set"));
	} else if (!strcmp(r->op, "explain")) {
		op_explain(r);
	} else if (!strcmp(r->op, "help")) {
		op_help(r);
	} else if (!strcmp(r->op, "save")) {
		op_save(r, false);
	} else if (!strcmp(r->op, "savedefconfig")) {
		op_save(r, true);
	} else if (!strcmp(r->op, "autoconf")) {
		op_autoconf(r);
	} else if (!strcmp(r->op, "lock")) {
		op_lock(r);
	} else if (!strcmp(r->op, "fix")) {
#ifdef TUX_HAVE_PICOSAT
		op_fix(r);
#else
		reply_error(r->id, "unsupported",
			    "this frontend was built without a SAT solver (install picosat: sudo apt-get install picosat)");
#endif
	} else if (!strcmp(r->op, "deps")) {
		op_deps(r->id);
	} else {
		reply_error(r->id, "usage", "unknown op \"%s\"", r->op);
	}
}

/* ---------------------------------------------------------------- memoized $(shell ...) */

/* ---------------------------------------------------------------- invalidating cached expression values */

#ifdef TUX_HAVE_EXPR_CACHE
/*
 * 6.12's library caches the value of every expression and, whenever a value changes
 * (sym_clear_all_valid, conf_read), forgets all of them by walking its expression hash table:
 * about 137,000 entries on x86, one dependent pointer load each, 10 to 15 ms, the larger part
 * of a toggle. The link wraps expr_invalidate_all (-Wl,--wrap=expr_invalidate_all) with the
 * same effect: every entry's val_is_valid cleared, through a flat array of the table's entries
 * in address order (independent, mostly sequential stores, well under a millisecond).
 *
 * The array is what the table held when it was made. The library only ever adds entries, at
 * the head of a bucket (hash_add), and never removes one (TUX_EXPR_TABLE_GROWS: expr.c has
 * no hash_del); so the table is unchanged exactly when every bucket's first entry is the one
 * the array was made from, checked on each call. While the parse fills the table, and on a
 * library whose table may shrink, the library's own walk runs.
 */
#include "internal.h"

void __real_expr_invalidate_all(void);
void __wrap_expr_invalidate_all(void);

static bool expr_table_final;

#ifdef TUX_EXPR_TABLE_GROWS
static struct expr **expr_flat;
static size_t expr_flat_count, expr_flat_cap;
static struct hlist_node **expr_heads;

static int by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(struct expr *const *)a, y = (uintptr_t)*(struct expr *const *)b;

	return x < y ? -1 : x > y;
}

static bool expr_flat_current(void)
{
	size_t i;

	if (!expr_heads)
		return false;
	for (i = 0; i < EXPR_HASHSIZE; i++)
		if (expr_hashtable[i].first != expr_heads[i])
			return false;
	return true;
}

static void expr_flat_build(void)
{
	struct expr *e;
	size_t i;

	if (!expr_heads)
		expr_heads = tux_zalloc(EXPR_HASHSIZE, sizeof(*expr_heads));
	expr_flat_count = 0;
	/* Bucket by bucket, as hash_for_each walks them (its int counter trips -Wsign-compare). */
	for (i = 0; i < EXPR_HASHSIZE; i++) {
		hlist_for_each_entry(e, &expr_hashtable[i], node) {
			expr_flat = tux_reserve(expr_flat, &expr_flat_cap, expr_flat_count + 1, sizeof(*expr_flat), 1 << 16);
			expr_flat[expr_flat_count++] = e;
		}
	}
	qsort(expr_flat, expr_flat_count, sizeof(*expr_flat), by_address);
	for (i = 0; i < EXPR_HASHSIZE; i++)
		expr_heads[i] = expr_hashtable[i].first;
}
#endif

void __wrap_expr_invalidate_all(void)
{
#ifdef TUX_EXPR_TABLE_GROWS
	size_t i;

	if (expr_table_final) {
		if (!expr_flat_current())
			expr_flat_build();
		for (i = 0; i < expr_flat_count; i++)
			expr_flat[i]->val_is_valid = false;
		return;
	}
#endif
	__real_expr_invalidate_all();
}
#endif

/*
 * Where the library's expressions are allocated. 6.12's library keeps every expression once, in
 * a hash table of 16,384 buckets (expr_lookup), bucketed by the low 14 bits of
 * 0x61C88647 * (type ^ hash_ptr(left) ^ hash_ptr(right)): only the pointers' low bits count. malloc
 * gives a 48-byte expression a 64-byte chunk, so the expressions made one after another (most of
 * them) differ only from bit 6 up, and each type's ~137,000 expressions share 256 buckets: the
 * parse spends most of its time (150-400 ms of CPU on x86) walking those chains, and so does
 * mconf's. The link wraps malloc, free and realloc (-Wl,--wrap=malloc,--wrap=free,--wrap=realloc)
 * so that blocks of exactly an expression's size come from slabs at a stride of an odd multiple
 * of 16 (48 bytes): still 16-byte aligned, as malloc's are, but spread over all 1,024 bucket
 * residues a 16-byte aligned pointer can reach. A freed slab block is kept for the next one of
 * that size; realloc moves one out of the slab. Only addresses change: no answer depends on them
 * (the table is looked up by exact pointers, and walked only to invalidate every entry).
 */
void *__real_malloc(size_t size);
void __real_free(void *ptr);
void *__real_realloc(void *ptr, size_t size);
void *__wrap_malloc(size_t size);
void __wrap_free(void *ptr);
void *__wrap_realloc(void *ptr, size_t size);

/*
 * Not in the sanitizer build: AddressSanitizer sees only the slab's 1 MiB block, so a use of a
 * freed expression or a write past one would go unreported there.
 */
#if defined(TUX_HAVE_EXPR_CACHE) && !defined(TUX_SANITIZE)
#define SLAB_BYTES ((size_t)1 << 20)
#define SLABS_MAX 256
/* The expression's size rounded up to 16 bytes, made an odd multiple of 16. */
#define SLAB_STRIDE ((((sizeof(struct expr) + 15) / 16) | 1) * 16)

static char *slabs[SLABS_MAX];
static int slab_count;
static size_t slab_used = SLAB_BYTES;
static void **slab_free_blocks;

static bool in_slab(const void *ptr)
{
	int i;

	for (i = slab_count - 1; i >= 0; i--)
		if ((const char *)ptr >= slabs[i] && (const char *)ptr < slabs[i] + SLAB_BYTES)
			return true;
	return false;
}

void *__wrap_malloc(size_t size)
{
	void *block;

	if (size != sizeof(struct expr))
		return __real_malloc(size);
	if (slab_free_blocks) {
		block = slab_free_blocks;
		slab_free_blocks = *slab_free_blocks;
		return block;
	}
	if (slab_used + SLAB_STRIDE > SLAB_BYTES) {
		char *slab = slab_count < SLABS_MAX ? __real_malloc(SLAB_BYTES) : NULL;

		if (!slab)
			return __real_malloc(size);
		slabs[slab_count++] = slab;
		slab_used = 0;
	}
	block = slabs[slab_count - 1] + slab_used;
	slab_used += SLAB_STRIDE;
	return block;
}

void __wrap_free(void *ptr)
{
	if (ptr && in_slab(ptr)) {
		*(void **)ptr = slab_free_blocks;
		slab_free_blocks = ptr;
		return;
	}
	__real_free(ptr);
}

void *__wrap_realloc(void *ptr, size_t size)
{
	void *moved;

	if (!ptr || !in_slab(ptr))
		return __real_realloc(ptr, size);
	moved = __real_malloc(size ? size : 1);
	if (!moved)
		return NULL;
	memcpy(moved, ptr, size < sizeof(struct expr) ? size : sizeof(struct expr));
	__wrap_free(ptr);
	return moved;
}
#else
void *__wrap_malloc(size_t size)
{
	return __real_malloc(size);
}

void __wrap_free(void *ptr)
{
	__real_free(ptr);
}

void *__wrap_realloc(void *ptr, size_t size)
{
	return __real_realloc(ptr, size);
}
#endif

/*
 * Kconfig's $(shell ...) toolchain probes (cc-option, as-instr, ...) dominate parse time.
 * Their output is a pure function of the command and the toolchain, so the TypeScript side
 * gives a cache file per toolchain fingerprint in TUXCONF_SHELL_CACHE. The link wraps popen()
 * and pclose() of preprocess.o (-Wl,--wrap=popen,--wrap=pclose).
 */
FILE *__real_popen(const char *command, const char *type);
int __real_pclose(FILE *stream);
FILE *__wrap_popen(const char *command, const char *type);
int __wrap_pclose(FILE *stream);

struct shell_entry {
	char *cmd;
	char *out;
	size_t len;
	/* Asked for by this parse (entries loaded from the memo may not be). */
	bool asked;
};

static struct shell_entry *shell_cache;
static size_t shell_count, shell_cap;
static int shell_misses;

/* The distinct commands this parse asked for, in the order it first asked: the next probe plan. */
static const char **asked_cmds;
static size_t asked_count, asked_cap;

/* Larger records are not probe output: the file is damaged, and the probes simply run again. */
#define SHELL_RECORD_MAX ((size_t)1 << 20)
/* The whole memo (the TypeScript side digests it with the same bound). */
#define SHELL_MEMO_MAX ((size_t)16 << 20)
/* First line: magic, format version, body length and the body's FNV-1a 64 checksum. */
#define SHELL_MEMO_MAGIC "tuxconf-probe-memo 1"

static void shell_cache_add(struct shell_entry e)
{
	shell_cache = tux_reserve(shell_cache, &shell_cap, shell_count + 1, sizeof(*shell_cache), 128);
	shell_cache[shell_count++] = e;
}

static uint64_t fnv1a64(const char *data, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * The memo's bytes, or NULL when it is not a file tuxconf wrote for this user: a link, not a
 * regular file (a FIFO, a device), owned by someone else, writable by group or others, or larger
 * than SHELL_MEMO_MAX. O_NONBLOCK: opening a FIFO must not wait for a writer.
 */
static char *shell_cache_read(const char *path, size_t *size)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022) ||
	    (uintmax_t)st.st_size > SHELL_MEMO_MAX)
		goto fail;
	buf = tux_alloc((size_t)st.st_size + 1);
	/* One byte more than the size: a file that grew while read is not the one checked. */
	while (got <= (size_t)st.st_size && (n = read(fd, buf + got, (size_t)st.st_size + 1 - got)) > 0)
		got += (size_t)n;
	if (got != (size_t)st.st_size)
		goto fail;
	close(fd);
	*size = got;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

/* Parses "<cmd-length> <out-length>\n" at *pos; false when it is not there. */
static bool shell_record_head(const char *buf, size_t end, size_t *pos, size_t *clen, size_t *olen)
{
	const char *nl = memchr(buf + *pos, '\n', end - *pos);
	char head[64];
	size_t hlen;
	int used = 0;

	if (!nl || (hlen = (size_t)(nl - (buf + *pos))) >= sizeof(head))
		return false;
	memcpy(head, buf + *pos, hlen);
	head[hlen] = 0;
	if (sscanf(head, "%zu %zu%n", clen, olen, &used) != 2 || (size_t)used != hlen || *clen > SHELL_RECORD_MAX ||
	    *olen > SHELL_RECORD_MAX)
		return false;
	*pos += hlen + 1;
	return true;
}

/* The records of a checked body, all of them or none (a body that checks out but does not parse is not ours). */
static void shell_cache_parse(const char *buf, size_t start, size_t end)
{
	size_t pos = start, clen, olen, first = shell_count;
	struct shell_entry e;

	while (pos < end) {
		if (!shell_record_head(buf, end, &pos, &clen, &olen) || end - pos < clen + olen + 1 ||
		    buf[pos + clen + olen] != '\n' || memchr(buf + pos, 0, clen)) {
			while (shell_count > first) {
				shell_count--;
				free(shell_cache[shell_count].cmd);
				free(shell_cache[shell_count].out);
			}
			return;
		}
		e.cmd = tux_alloc(clen + 1);
		e.out = tux_alloc(olen + 1);
		e.len = olen;
		e.asked = false;
		memcpy(e.cmd, buf + pos, clen);
		memcpy(e.out, buf + pos + clen, olen);
		e.cmd[clen] = 0;
		e.out[olen] = 0;
		shell_cache_add(e);
		pos += clen + olen + 1;
	}
}

/*
 * The bytes of a file memo_file_write wrote with `magic` when it is whole (the header's length
 * and checksum match the body), its body from *body to *size; NULL for anything else.
 */
static char *memo_file_read(const char *path, const char *magic, size_t *body, size_t *size)
{
	char *buf = shell_cache_read(path, size);
	unsigned long long sum;
	size_t blen, mlen = strlen(magic);
	char head[96];
	char *nl;
	int used = 0;

	if (!buf)
		return NULL;
	nl = memchr(buf, '\n', *size < sizeof(head) ? *size : sizeof(head));
	if (nl && (size_t)(nl - buf) > mlen && !memcmp(buf, magic, mlen) && buf[mlen] == ' ') {
		*body = (size_t)(nl - buf) + 1;
		memcpy(head, buf + mlen, *body - 1 - mlen);
		head[*body - 1 - mlen] = 0;
		if (sscanf(head, " %zu %16llx%n", &blen, &sum, &used) == 2 && (size_t)used == *body - 1 - mlen &&
		    blen == *size - *body && fnv1a64(buf + *body, blen) == (uint64_t)sum)
			return buf;
	}
	free(buf);
	return NULL;
}

/*
 * Loads the memo when it is whole: the header's length and checksum match the body. Anything
 * else (edited, truncated, bit flips, another format) is ignored: the probes run again and the
 * memo is rewritten.
 */
static void shell_cache_load(const char *path)
{
	size_t size = 0, body;
	char *buf = memo_file_read(path, SHELL_MEMO_MAGIC, &body, &size);

	if (buf)
		shell_cache_parse(buf, body, size);
	free(buf);
}

/* Writes the memo whole or not at all: a new private temporary file, checked, then renamed. */
static void memo_file_write(const char *path, const char *magic, const char *body, size_t blen);

static void shell_cache_store(const char *path)
{
	char *body = NULL;
	size_t blen = 0, i;
	FILE *mem;

	if (!shell_misses)
		return;
	mem = open_memstream(&body, &blen);
	if (!mem)
		return;
	for (i = 0; i < shell_count; i++) {
		fprintf(mem, "%zu %zu\n", strlen(shell_cache[i].cmd), shell_cache[i].len);
		fwrite(shell_cache[i].cmd, 1, strlen(shell_cache[i].cmd), mem);
		fwrite(shell_cache[i].out, 1, shell_cache[i].len, mem);
		fputc('\n', mem);
	}
	if (fclose(mem) || blen + 64 > SHELL_MEMO_MAX) {
		free(body);
		return;
	}
	memo_file_write(path, SHELL_MEMO_MAGIC, body, blen);
	free(body);
}

/* Writes `body` under a header of `magic`, its length and checksum, whole or not at all: a new private temporary file, checked, then renamed. */
static void memo_file_write(const char *path, const char *magic, const char *body, size_t blen)
{
	char *tmp;
	FILE *f;
	bool written;
	int fd;

	tmp = tux_format("%s.%d.tmp", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return;
	}
	fprintf(f, "%s %zu %016llx\n", magic, blen, (unsigned long long)fnv1a64(body, blen));
	fwrite(body, 1, blen, f);
	if (close_checked(f, &written) || __real_rename(tmp, path))
		unlink(tmp);
	discard_failed_files();
	free(tmp);
}

/*
 * Probes run ahead. TUXCONF_PROBE_PLAN names a file (beside the kconfig library's objects in the
 * output directory) listing the distinct commands the last parse of this tree ran, in the order
 * it first asked for them. While the parse goes on, up to `probe_ahead` of the next ones run at
 * once (popen starts them; their output waits in their pipes); when the parse asks for one, its
 * output is read then. Each runs exactly as the parse would run it (the same command, in the
 * same process environment and directory), only earlier and beside the others: what a parse
 * gets is what it would get without a plan, as long as probes depend only on the toolchain (the
 * memo's premise too). A command the plan does not hold runs when asked, as without a plan; one
 * the parse never asks for is read to its end and dropped. The plan is rewritten when the parse
 * asked for other commands.
 */
#define PROBE_PLAN_MAGIC "tuxconf-probe-plan 1"

struct planned_probe {
	char *cmd;
	FILE *running;
	/* Started (running, or read by the parse or dropped). */
	bool started;
	/* Asked for by the parse. */
	bool taken;
};

static struct planned_probe *plan;
static size_t plan_count, plan_cap, plan_next;
static int plan_running, probe_ahead;

/* The memo's entry for `command`, or NULL. */
static struct shell_entry *shell_cache_find(const char *command)
{
	size_t i;

	for (i = 0; i < shell_count; i++)
		if (!strcmp(shell_cache[i].cmd, command))
			return &shell_cache[i];
	return NULL;
}

/* Loads the plan when it is whole; larger or damaged plans are ignored (the parse runs probes when asked). */
static void probe_plan_load(const char *path)
{
	size_t size = 0, pos = 0, clen, olen;
	char *buf = memo_file_read(path, PROBE_PLAN_MAGIC, &pos, &size);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (!buf)
		return;
	while (pos < size) {
		if (!shell_record_head(buf, size, &pos, &clen, &olen) || olen || size - pos < clen + 1 ||
		    buf[pos + clen] != '\n' || memchr(buf + pos, 0, clen))
			break;
		plan = tux_reserve(plan, &plan_cap, plan_count + 1, sizeof(*plan), 128);
		plan[plan_count].cmd = tux_alloc(clen + 1);
		memcpy(plan[plan_count].cmd, buf + pos, clen);
		plan[plan_count].cmd[clen] = 0;
		plan[plan_count].running = NULL;
		/* What the memo holds is not run at all. */
		plan[plan_count].started = plan[plan_count].taken = shell_cache_find(plan[plan_count].cmd) != NULL;
		plan_count++;
		pos += clen + 1;
	}
	free(buf);
	/* One probe per processor, and at least two (one runs while the next starts). */
	probe_ahead = cpus < 2 ? 2 : cpus > 8 ? 8 : (int)cpus;
}

/* Starts planned probes not started yet, in plan order, until `probe_ahead` run. */
static void probe_plan_fill(void)
{
	while (plan_running < probe_ahead && plan_next < plan_count) {
		struct planned_probe *next = &plan[plan_next++];

		if (next->started)
			continue;
		next->started = true;
		next->running = __real_popen(next->cmd, "r");
		if (next->running)
			plan_running++;
	}
}

/* The running probe of `command` taken out of the plan (NULL when it holds none), the next ones started. */
static FILE *probe_plan_take(const char *command)
{
	FILE *p = NULL;
	size_t i;

	for (i = 0; i < plan_count; i++) {
		if (plan[i].taken || strcmp(plan[i].cmd, command))
			continue;
		plan[i].taken = true;
		if (plan[i].running) {
			p = plan[i].running;
			plan[i].running = NULL;
			plan_running--;
		}
		/* Not started yet: it runs now, as asked; it must not be started again. */
		plan[i].started = true;
		break;
	}
	probe_plan_fill();
	return p;
}

/* All of a probe's output, the probe waited for. */
static char *probe_output(FILE *p, size_t *len)
{
	size_t cap = 4096, n;
	char *out = tux_alloc(cap);

	*len = 0;
	while ((n = fread(out + *len, 1, cap - *len, p)) > 0) {
		*len += n;
		if (*len == cap)
			out = tux_reserve(out, &cap, cap + 1, 1, 4096);
	}
	__real_pclose(p);
	out[*len] = 0;
	return out;
}

/* After the parse: probes it did not ask for are read to their end and dropped (none is left behind). */
static void probe_plan_finish(void)
{
	size_t i, len;

	for (i = 0; i < plan_count; i++) {
		if (plan[i].running)
			free(probe_output(plan[i].running, &len));
		plan[i].running = NULL;
	}
	plan_running = 0;
}

/* Writes the commands this parse asked for as the next plan, unless the plan holds exactly them. */
static void probe_plan_store(const char *path)
{
	char *body = NULL;
	size_t blen = 0, i;
	FILE *mem;
	bool same = asked_count == plan_count;

	for (i = 0; same && i < asked_count; i++)
		same = !strcmp(asked_cmds[i], plan[i].cmd);
	if (same)
		return;
	mem = open_memstream(&body, &blen);
	if (!mem)
		return;
	for (i = 0; i < asked_count; i++)
		fprintf(mem, "%zu 0\n%s\n", strlen(asked_cmds[i]), asked_cmds[i]);
	if (fclose(mem) || blen + 64 > SHELL_MEMO_MAX) {
		free(body);
		return;
	}
	memo_file_write(path, PROBE_PLAN_MAGIC, body, blen);
	free(body);
}

static void shell_asked(struct shell_entry *e)
{
	if (e->asked)
		return;
	e->asked = true;
	asked_cmds = tux_reserve(asked_cmds, &asked_cap, asked_count + 1, sizeof(*asked_cmds), 128);
	asked_cmds[asked_count++] = e->cmd;
}

FILE *__wrap_popen(const char *command, const char *type)
{
	struct shell_entry e, *memo = shell_cache_find(command);
	FILE *p;

	if (memo) {
		shell_asked(memo);
		return fmemopen(memo->out, memo->len ? memo->len : 1, "r");
	}
	p = probe_plan_take(command);
	if (!p)
		p = __real_popen(command, type);
	if (!p)
		return NULL;
	e.cmd = tux_strdup(command);
	e.out = probe_output(p, &e.len);
	e.asked = false;
	shell_cache_add(e);
	shell_asked(&shell_cache[shell_count - 1]);
	shell_misses++;
	return fmemopen(e.out, e.len ? e.len : 1, "r");
}

int __wrap_pclose(FILE *stream)
{
	fclose(stream);
	return 0;
}

/* ---------------------------------------------------------------- main */

#ifdef TUX_SANITIZE
#include <dlfcn.h>

/*
 * The sanitizer build (TUXCONF_FRONTEND_SANITIZE=1). With AddressSanitizer and UBSan together,
 * gcc's UBSan runs as ASan's plugin and never reads log_path from UBSAN_OPTIONS: its reports
 * would go to fd 2, which is a temporary file while a request's messages are captured. Point
 * UBSan's own runtime at TUXCONF_UBSAN_LOG so the test runner finds every report.
 */
static void ubsan_report_path(void)
{
	const char *path = getenv("TUXCONF_UBSAN_LOG");
	void *runtime;
	void (*set_path)(const char *);

	if (!path || !*path)
		return;
	runtime = dlopen("libubsan.so.1", RTLD_NOLOAD | RTLD_LAZY);
	set_path = runtime ? (void (*)(const char *))dlsym(runtime, "__sanitizer_set_report_path") : NULL;
	if (set_path)
		set_path(path);
}
#endif

static void answer(const char *line, size_t len, bool too_long)
{
	struct request r;
	struct request_error err = { NULL, 0 };
	bool parsed = parse_request(line, len, &r, &err);

	if (too_long) {
		/* The id may still be read from the start of the line. */
		free(err.message);
		err.message = tux_format("the request is longer than %zu bytes", MAX_REQUEST_BYTES);
		err.column = MAX_REQUEST_BYTES + 1;
		reply_rejected(r.id, &err);
	} else if (!parsed || !check_request(&r, &err)) {
		reply_rejected(r.id, &err);
	} else if (!strcmp(r.op, "quit")) {
		req_free(&r);
		exit(0);
	} else {
		write_failure = 0;
		handle(&r);
		discard_failed_files();
		write_failure = 0;
	}
	req_free(&r);
	free(err.message);
}

int main(int argc, char **argv)
{
	const char *kconfig = argc > 1 ? argv[1] : "Kconfig";
	const char *cache = getenv("TUXCONF_SHELL_CACHE");
	const char *probe_plan = getenv("TUXCONF_PROBE_PLAN");
	struct timespec t0, t1;
	char *line = NULL;
	size_t cap = 0, len;
	bool too_long;
	int proto_fd, request_fd, null_fd;
	FILE *requests;

#ifdef TUX_SANITIZE
	ubsan_report_path();
#endif
	/*
	 * The protocol owns the real stdin and stdout, kept on descriptors no child inherits: anything
	 * the library prints goes to stderr, and its $(shell ...) probes (also those run ahead from the
	 * probe plan) read /dev/null, so none can read the requests or write into the replies.
	 */
	proto_fd = fcntl(1, F_DUPFD_CLOEXEC, 0);
	request_fd = fcntl(0, F_DUPFD_CLOEXEC, 0);
	null_fd = open("/dev/null", O_RDONLY);
	if (proto_fd < 0 || request_fd < 0 || null_fd < 0 || dup2(2, 1) < 0 || dup2(null_fd, 0) < 0)
		die("cannot set up the protocol stream: %s", strerror(errno));
	if (null_fd != 0)
		close(null_fd);
	proto = fdopen(proto_fd, "w");
	requests = fdopen(request_fd, "r");
	if (!proto || !requests)
		die("cannot set up the protocol stream: %s", strerror(errno));
	setvbuf(proto, NULL, _IOFBF, 1 << 20);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (getenv("KCONFIG_DEFCONFIG_LIST"))
		defconfig_list = tux_strdup(getenv("KCONFIG_DEFCONFIG_LIST"));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (cache && *cache)
		shell_cache_load(cache);
	if (probe_plan && *probe_plan) {
		probe_plan_load(probe_plan);
		probe_plan_fill();
	}
	recording_reads = true;
	conf_parse(kconfig);
	recording_reads = false;
	if (cache && *cache)
		shell_cache_store(cache);
	if (probe_plan && *probe_plan) {
		probe_plan_finish();
		probe_plan_store(probe_plan);
	}
	conf_set_message_callback(on_message);
	build_tables();
#ifdef TUX_HAVE_EXPR_CACHE
	expr_table_final = true;
#endif
	clock_gettime(CLOCK_MONOTONIC, &t1);

	out_raw("{\"event\":\"ready\",\"nodes\":");
	out_fmt("%d,\"symbols\":%d,\"parseMs\":%ld,\"shellProbes\":%zu,\"shellMisses\":%d",
		node_count, sym_count,
		(long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000),
		shell_count, shell_misses);
	out_end();

	while (read_line(requests, &line, &cap, &len, &too_long))
		answer(line, len, too_long);
	free(line);
	return 0;
}
