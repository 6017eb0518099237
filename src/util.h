/* util.h -- small shared helpers: growable buffers, civil dates, file reading.
 *
 * Contract: nothing here knows about news, events or places.  Every stage may
 * use it; it uses only libc.
 */
#ifndef TALLY_UTIL_H
#define TALLY_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A growable byte buffer.  Always NUL-terminated when len > 0 (or after
 * buf_cstr).  Zero-initialise to use: buf b = {0}; */
typedef struct {
    char *data;
    size_t len, cap;
} buf;

void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same bytes as buf_printf(b, "%lld", v), without the format machinery:
 * writing records prints a dozen integers per event. */
void buf_put_ll(buf *b, long long v);

/* The same bytes as snprintf(out, cap, "%s", s) (cap > 0): s cut to cap - 1
 * bytes, NUL-terminated.  A copy of a name into a fixed field. */
void str_copy(char *out, size_t cap, const char *s);
const char *buf_cstr(buf *b);
void buf_free(buf *b);

/* A proleptic Gregorian calendar day.  A day number is days since 1970-01-01,
 * so that date arithmetic ("three days later", "last Sunday") is integer
 * arithmetic. */
typedef struct {
    int year, month, day;   /* month 1..12, day 1..31; year 0 = unknown */
} civil_date;

int64_t date_to_days(civil_date d);
civil_date days_to_date(int64_t days);
int date_valid(civil_date d);
int date_weekday(civil_date d);          /* 0 = Sunday .. 6 = Saturday */
int days_in_month(int year, int month);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void date_format(civil_date d, char out[11]);
/* Parses exactly "YYYY-MM-DD"; returns 1 on success. */
int date_parse_iso(const char *s, size_t len, civil_date *out);

/* Whole-file read; returns malloc'd bytes (NUL-terminated) or NULL with errno set. */
char *read_file(const char *path, size_t *len);

/* Hash for short keys (FNV-1a, 64-bit).  hash64(s, n) is HASH64_INIT folded
 * with hash64_byte over s[0..n), for callers that hash while they copy. */
uint64_t hash64(const char *s, size_t n);
#define HASH64_INIT 1469598103934665603ULL
static inline uint64_t hash64_byte(uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ULL; }

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
