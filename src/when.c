/* when.c -- time expressions in one sentence; see when.h and docs/dates.md.
 *
 * The sentence is cut into tokens (words, digit runs, single punctuation
 * marks) in a fixed stack array; each word is looked up once in the
 * keyword table, through a hash index.  Matchers then run at each token, in
 * a fixed order, and the first that matches consumes its tokens; a token
 * tries only the matchers it can start (TRY_AT_KEYWORD), so a plain word
 * tries none.  No allocation, no regex.
 */
#include "when.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- keywords ----------------------------------------------------------- */

enum {
    K_NONE = 0,
    K_MONTH, K_MONTHA, K_MONTHX, K_MONTHAX, /* full, abbreviation, May/March, "Mar" */
    K_WDAY, K_NUMW, K_A, K_FEW, K_UNIT, K_UNITP, K_HOUR, K_HOURP,
    K_YESTERDAY, K_TODAY, K_TONIGHT, K_OVERNIGHT, K_LAST, K_NEXT, K_COMING, K_THIS,
    K_EARLIER, K_LATER, K_AGO, K_THE, K_FOLLOWING, K_BEFORE, K_AFTER, K_PREVIOUS,
    K_SINCE, K_IN, K_ON, K_FOR, K_OF, K_OVER, K_DURING, K_PAST, K_EARLY, K_MID,
    K_LATE, K_END, K_START, K_MIDDLE, K_TOD, K_WEEKEND, K_UNTIL, K_BY, K_FROM,
    K_THAT, K_FOLLOWED, K_LASTED, K_YNOUN, K_CNOUN, K_RECENT, K_SAY, K_TOLD, K_RNOUN,
    K_AUDIENCE, K_WHEN, K_AT, K_AND,
    K_EVERY, K_SETADV, K_NOW, K_PRESENT, K_FUTURE, K_DECADE, K_DECADEP, K_CENTURY, K_MINUTE,
    K_MINUTEP, K_FISCAL, K_SEASON, K_WDAYS, K_MOD, K_AMPM, K_ZONE, K_AFTERMATH, K_OLD, K_AGE,
    K_TIMEW, K_THAN, K_WITHIN, K_LESS, K_CLOCKW,
    K_KINDS /* how many keyword kinds there are */
};

typedef struct {
    const char *w;
    unsigned char len;
    unsigned char kw;
    short val;
} keyword;

/* Sorted by w (byte order), so that a word entered twice stands beside its
 * twin; looked up through the hash index below (kw_find). */
static const keyword KW[] = {
    {"a", 1, K_A, 1},
    {"accord", 6, K_YNOUN, 0},
    {"acquitted", 9, K_AFTERMATH, 0},
    {"added", 5, K_SAY, 0},
    {"admitted", 8, K_SAY, 0},
    {"after", 5, K_AFTER, 0},
    {"afternoon", 9, K_TOD, 2},
    {"age", 3, K_AGE, 0},
    {"aged", 4, K_AGE, 0},
    {"ages", 4, K_AGE, 0},
    {"ago", 3, K_AGO, 0},
    {"agreement", 9, K_YNOUN, 0},
    {"almost", 6, K_MOD, 0},
    {"am", 2, K_AMPM, 0},
    {"an", 2, K_A, 1},
    {"and", 3, K_AND, 0},
    {"announced", 9, K_SAY, 0},
    {"annually", 8, K_SETADV, 365},
    {"appeared", 8, K_AFTERMATH, 0},
    {"apr", 3, K_MONTHA, 4},
    {"april", 5, K_MONTH, 4},
    {"arraigned", 9, K_AFTERMATH, 0},
    {"arraignment", 11, K_AFTERMATH, 0},
    {"arrested", 8, K_AFTERMATH, 0},
    {"at", 2, K_AT, 0},
    {"aug", 3, K_MONTHA, 8},
    {"august", 6, K_MONTH, 8},
    {"autopsies", 9, K_AFTERMATH, 0},
    {"autopsy", 7, K_AFTERMATH, 0},
    {"autumn", 6, K_SEASON, 3},
    {"bail", 4, K_AFTERMATH, 0},
    {"before", 6, K_BEFORE, 0},
    {"beginning", 9, K_START, 1},
    {"bond", 4, K_AFTERMATH, 0},
    {"booked", 6, K_AFTERMATH, 0},
    {"briefing", 8, K_RNOUN, 0},
    {"broadcast", 9, K_RNOUN, 0},
    {"buried", 6, K_AFTERMATH, 0},
    {"by", 2, K_BY, 0},
    {"ceasefire", 9, K_YNOUN, 0},
    {"century", 7, K_CENTURY, 0},
    {"charged", 7, K_AFTERMATH, 0},
    {"children", 8, K_CNOUN, 0},
    {"civilians", 9, K_CNOUN, 0},
    {"claimed", 7, K_SAY, 0},
    {"coming", 6, K_COMING, 0},
    {"communique", 10, K_RNOUN, 0},
    {"condition", 9, K_AFTERMATH, 0},
    {"conference", 10, K_RNOUN, 0},
    {"confirmed", 9, K_SAY, 0},
    {"convicted", 9, K_AFTERMATH, 0},
    {"coup", 4, K_YNOUN, 0},
    {"crisis", 6, K_YNOUN, 0},
    {"currently", 9, K_NOW, 0},
    {"daily", 5, K_SETADV, 1},
    {"day", 3, K_UNIT, 1},
    {"days", 4, K_UNITP, 1},
    {"dead", 4, K_CNOUN, 0},
    {"deal", 4, K_YNOUN, 0},
    {"dec", 3, K_MONTHA, 12},
    {"decade", 6, K_DECADE, 0},
    {"decades", 7, K_DECADEP, 0},
    {"december", 8, K_MONTH, 12},
    {"declared", 8, K_SAY, 0},
    {"denied", 6, K_SAY, 0},
    {"detained", 8, K_AFTERMATH, 0},
    {"died", 4, K_CNOUN, 1},
    {"dismissed", 9, K_AFTERMATH, 0},
    {"during", 6, K_DURING, 0},
    {"each", 4, K_EVERY, 0},
    {"earlier", 7, K_EARLIER, 0},
    {"early", 5, K_EARLY, 1},
    {"earthquake", 10, K_YNOUN, 0},
    {"eight", 5, K_NUMW, 8},
    {"election", 8, K_YNOUN, 0},
    {"elections", 9, K_YNOUN, 0},
    {"eleven", 6, K_NUMW, 11},
    {"end", 3, K_END, 3},
    {"evening", 7, K_TOD, 3},
    {"every", 5, K_EVERY, 0},
    {"explained", 9, K_SAY, 0},
    {"extradited", 10, K_AFTERMATH, 0},
    {"fall", 4, K_SEASON, -3},
    {"feb", 3, K_MONTHA, 2},
    {"february", 8, K_MONTH, 2},
    {"few", 3, K_FEW, 0},
    {"fifteen", 7, K_NUMW, 15},
    {"fighters", 8, K_CNOUN, 0},
    {"filed", 5, K_AFTERMATH, 0},
    {"fiscal", 6, K_FISCAL, 0},
    {"five", 4, K_NUMW, 5},
    {"followed", 8, K_FOLLOWED, 0},
    {"following", 9, K_FOLLOWING, 0},
    {"for", 3, K_FOR, 0},
    {"four", 4, K_NUMW, 4},
    {"fourteen", 8, K_NUMW, 14},
    {"friday", 6, K_WDAY, 5},
    {"fridays", 7, K_WDAYS, 5},
    {"from", 4, K_FROM, 0},
    {"funeral", 7, K_AFTERMATH, 0},
    {"future", 6, K_FUTURE, 0},
    {"genocide", 8, K_YNOUN, 0},
    {"gmt", 3, K_ZONE, 0},
    {"guilty", 6, K_AFTERMATH, 0},
    {"hearing", 7, K_AFTERMATH, 0},
    {"hospitalised", 12, K_AFTERMATH, 0},
    {"hospitalized", 12, K_AFTERMATH, 0},
    {"hour", 4, K_HOUR, 0},
    {"hours", 5, K_HOURP, 0},
    {"identified", 10, K_AFTERMATH, 0},
    {"in", 2, K_IN, 0},
    {"indicted", 8, K_AFTERMATH, 0},
    {"injured", 7, K_CNOUN, 0},
    {"insisted", 8, K_SAY, 0},
    {"interview", 9, K_RNOUN, 0},
    {"investigating", 13, K_AFTERMATH, 0},
    {"invasion", 8, K_YNOUN, 0},
    {"jan", 3, K_MONTHA, 1},
    {"january", 7, K_MONTH, 1},
    {"journalists", 11, K_AUDIENCE, 0},
    {"jul", 3, K_MONTHA, 7},
    {"july", 4, K_MONTH, 7},
    {"jun", 3, K_MONTHA, 6},
    {"june", 4, K_MONTH, 6},
    {"killed", 6, K_CNOUN, 0},
    {"last", 4, K_LAST, 0},
    {"lasted", 6, K_LASTED, 0},
    {"lasting", 7, K_LASTED, 0},
    {"late", 4, K_LATE, 3},
    {"later", 5, K_LATER, 0},
    {"lawmakers", 9, K_AUDIENCE, 0},
    {"less", 4, K_LESS, 0},
    {"many", 4, K_FEW, 0},
    {"mar", 3, K_MONTHAX, 3},
    {"march", 5, K_MONTHX, 3},
    {"massacre", 8, K_YNOUN, 0},
    {"may", 3, K_MONTHX, 5},
    {"media", 5, K_AUDIENCE, 0},
    {"men", 3, K_CNOUN, 0},
    {"mere", 4, K_MOD, 0},
    {"mid", 3, K_MID, 2},
    {"midday", 6, K_CLOCKW, 12},
    {"middle", 6, K_MIDDLE, 2},
    {"midnight", 8, K_CLOCKW, 0},
    {"militants", 9, K_CNOUN, 0},
    {"minute", 6, K_MINUTE, 0},
    {"minutes", 7, K_MINUTEP, 0},
    {"monday", 6, K_WDAY, 1},
    {"mondays", 7, K_WDAYS, 1},
    {"month", 5, K_UNIT, 30},
    {"monthly", 7, K_SETADV, 30},
    {"months", 6, K_UNITP, 30},
    {"more", 4, K_CNOUN, 0},
    {"morning", 7, K_TOD, 1},
    {"mourned", 7, K_AFTERMATH, 0},
    {"nearly", 6, K_MOD, 0},
    {"news", 4, K_AUDIENCE, 0},
    {"next", 4, K_NEXT, 0},
    {"night", 5, K_TOD, 4},
    {"nightly", 7, K_SETADV, -4},
    {"nine", 4, K_NUMW, 9},
    {"noon", 4, K_CLOCKW, 12},
    {"nov", 3, K_MONTHA, 11},
    {"november", 8, K_MONTH, 11},
    {"now", 3, K_NOW, 0},
    {"oct", 3, K_MONTHA, 10},
    {"october", 7, K_MONTH, 10},
    {"of", 2, K_OF, 0},
    {"offensive", 9, K_YNOUN, 0},
    {"old", 3, K_OLD, 0},
    {"older", 5, K_OLD, 0},
    {"on", 2, K_ON, 0},
    {"one", 3, K_NUMW, 1},
    {"others", 6, K_CNOUN, 0},
    {"over", 4, K_OVER, 0},
    {"overnight", 9, K_OVERNIGHT, 0},
    {"parliament", 10, K_AUDIENCE, 0},
    {"past", 4, K_PAST, 0},
    {"people", 6, K_CNOUN, 0},
    {"plea", 4, K_AFTERMATH, 0},
    {"pleaded", 7, K_AFTERMATH, 0},
    {"pleas", 5, K_AFTERMATH, 0},
    {"pm", 2, K_AMPM, 12},
    {"police", 6, K_CNOUN, 0},
    {"polls", 5, K_YNOUN, 0},
    {"posted", 6, K_SAY, 0},
    {"present", 7, K_PRESENT, 0},
    {"press", 5, K_AUDIENCE, 0},
    {"previous", 8, K_PREVIOUS, 0},
    {"prior", 5, K_PREVIOUS, 0},
    {"probation", 9, K_AFTERMATH, 0},
    {"protesters", 10, K_CNOUN, 0},
    {"protests", 8, K_YNOUN, 0},
    {"published", 9, K_SAY, 0},
    {"radio", 5, K_AUDIENCE, 0},
    {"recent", 6, K_RECENT, 0},
    {"referendum", 10, K_YNOUN, 0},
    {"released", 8, K_AFTERMATH, 0},
    {"remained", 8, K_AFTERMATH, 0},
    {"remains", 7, K_AFTERMATH, 0},
    {"reported", 8, K_SAY, 0},
    {"reporters", 9, K_AUDIENCE, 0},
    {"revealed", 8, K_SAY, 0},
    {"revolution", 10, K_YNOUN, 0},
    {"roughly", 7, K_MOD, 0},
    {"said", 4, K_SAY, 0},
    {"saturday", 8, K_WDAY, 6},
    {"saturdays", 9, K_WDAYS, 6},
    {"say", 3, K_SAY, 0},
    {"says", 4, K_SAY, 0},
    {"scheduled", 9, K_AFTERMATH, 0},
    {"searching", 9, K_AFTERMATH, 0},
    {"sentenced", 9, K_AFTERMATH, 0},
    {"sentencing", 10, K_AFTERMATH, 0},
    {"sep", 3, K_MONTHA, 9},
    {"sept", 4, K_MONTHA, 9},
    {"september", 9, K_MONTH, 9},
    {"seven", 5, K_NUMW, 7},
    {"several", 7, K_FEW, 0},
    {"since", 5, K_SINCE, 0},
    {"six", 3, K_NUMW, 6},
    {"soldiers", 8, K_CNOUN, 0},
    {"some", 4, K_MOD, 0},
    {"spring", 6, K_SEASON, 1},
    {"start", 5, K_START, 1},
    {"stated", 6, K_SAY, 0},
    {"statement", 9, K_RNOUN, 0},
    {"summer", 6, K_SEASON, 2},
    {"sunday", 6, K_WDAY, 0},
    {"sundays", 7, K_WDAYS, 7},
    {"television", 10, K_AUDIENCE, 0},
    {"ten", 3, K_NUMW, 10},
    {"testified", 9, K_AFTERMATH, 0},
    {"than", 4, K_THAN, 0},
    {"that", 4, K_THAT, 0},
    {"the", 3, K_THE, 0},
    {"thirteen", 8, K_NUMW, 13},
    {"thirty", 6, K_NUMW, 30},
    {"this", 4, K_THIS, 0},
    {"three", 5, K_NUMW, 3},
    {"through", 7, K_UNTIL, 0},
    {"thursday", 8, K_WDAY, 4},
    {"thursdays", 9, K_WDAYS, 4},
    {"till", 4, K_UNTIL, 0},
    {"time", 4, K_TIMEW, 0},
    {"today", 5, K_TODAY, 0},
    {"told", 4, K_TOLD, 0},
    {"tonight", 7, K_TONIGHT, 0},
    {"trial", 5, K_AFTERMATH, 0},
    {"tuesday", 7, K_WDAY, 2},
    {"tuesdays", 8, K_WDAYS, 2},
    {"tweeted", 7, K_SAY, 0},
    {"twelve", 6, K_NUMW, 12},
    {"twenty", 6, K_NUMW, 20},
    {"two", 3, K_NUMW, 2},
    {"until", 5, K_UNTIL, 0},
    {"updated", 7, K_SAY, 0},
    {"uprising", 8, K_YNOUN, 0},
    {"utc", 3, K_ZONE, 0},
    {"vigil", 5, K_AFTERMATH, 0},
    {"vote", 4, K_YNOUN, 0},
    {"war", 3, K_YNOUN, 0},
    {"warned", 6, K_SAY, 0},
    {"wednesday", 9, K_WDAY, 3},
    {"wednesdays", 10, K_WDAYS, 3},
    {"week", 4, K_UNIT, 7},
    {"weekend", 7, K_WEEKEND, 0},
    {"weekly", 6, K_SETADV, 7},
    {"weeks", 5, K_UNITP, 7},
    {"were", 4, K_CNOUN, 0},
    {"when", 4, K_WHEN, 0},
    {"winter", 6, K_SEASON, 4},
    {"within", 6, K_WITHIN, 0},
    {"women", 5, K_CNOUN, 0},
    {"wounded", 7, K_CNOUN, 0},
    {"year", 4, K_UNIT, 365},
    {"yearly", 6, K_SETADV, 365},
    {"years", 5, K_UNITP, 365},
    {"yesterday", 9, K_YESTERDAY, 0},
};

#define KW_MAXLEN 13 /* the longest keyword: "investigating" */

/* Every word of a scanned sentence that passes kw_gate is looked up, so KW
 * is also indexed by a hash table (FNV-1a of the word, open addressing), built once on first use:
 * pthread_once keeps that safe under `tally extract -j N`.  The table only
 * finds the same unique entry the sorted array holds. */
#define KW_SLOTS 1024 /* a power of two, more than twice ARRAY_LEN(KW) */
static short kw_slot[KW_SLOTS]; /* 1 + index into KW; 0 empty */
static uint32_t kw_slot_hash[KW_SLOTS]; /* its word's hash: most words probed are no keyword,
                                         * and a different hash rejects one without reading KW */
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;
_Static_assert(ARRAY_LEN(KW) * 2 < KW_SLOTS, "KW_SLOTS too small for KW");

static uint32_t kw_hash_step(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }

/* kw_gate[n][a] has bit b set when a keyword of n letters starts with the
 * letter 'a' + a and ends with 'a' + b.  Half the words of news text fail
 * it, and are then neither hashed nor probed.  Built with the index. */
static uint32_t kw_gate[KW_MAXLEN + 1][26];

static void kw_index(void)
{
    for (size_t i = 0; i < ARRAY_LEN(KW); i++) {
        if (KW[i].len > KW_MAXLEN)
            continue; /* never found: a test of that keyword fails, nothing is overwritten */
        uint32_t h = 2166136261u;
        for (size_t j = 0; j < KW[i].len; j++)
            h = kw_hash_step(h, (unsigned char)KW[i].w[j]);
        size_t s = h & (KW_SLOTS - 1);
        while (kw_slot[s])
            s = (s + 1) & (KW_SLOTS - 1);
        kw_slot[s] = (short)(i + 1);
        kw_slot_hash[s] = h;
        kw_gate[KW[i].len][KW[i].w[0] - 'a'] |= 1u << (KW[i].w[KW[i].len - 1] - 'a');
    }
}

/* Looks up the ASCII word w[0..n) of letters; returns its index in KW or
 * -1.  The tables must be built (when_scan calls pthread_once before it
 * tokenises). */
static int kw_find(const char *w, size_t n)
{
    if (n == 0 || n > KW_MAXLEN)
        return -1;
    unsigned first = (unsigned)((w[0] | 0x20) - 'a'), last = (unsigned)((w[n - 1] | 0x20) - 'a');
    if (!(kw_gate[n][first] >> last & 1))
        return -1;
    uint32_t h = 2166136261u;
    for (size_t j = 0; j < n; j++)
        h = kw_hash_step(h, (unsigned char)(w[j] | 0x20));
    for (size_t s = h & (KW_SLOTS - 1); kw_slot[s]; s = (s + 1) & (KW_SLOTS - 1)) {
        if (kw_slot_hash[s] != h)
            continue;
        const keyword *k = &KW[kw_slot[s] - 1];
        if (k->len != n)
            continue;
        size_t j = 0;
        while (j < n && k->w[j] == (char)(w[j] | 0x20)) /* words hold letters only */
            j++;
        if (j == n)
            return kw_slot[s] - 1;
    }
    return -1;
}

/* ---- tokens ------------------------------------------------------------- */

enum { T_WORD = 1, T_NUM, T_PUNCT };

enum {
    F_CAP = 1,     /* word starts with an ASCII capital */
    F_ORD = 2,     /* number with an ordinal suffix: "25th" */
    F_GLUED = 4,   /* number touching letters: "M23", "3pm", "2020s" */
    F_GROUP = 8,   /* part of "1,200", "2.5" */
    F_TIME = 16    /* part of "10:30" */
};

typedef struct {
    uint32_t b, e;        /* byte span */
    unsigned char type, kw, flags, ndig;
    int val;              /* number value, keyword value, or punctuation char */
} tok;

#define TOK_CAP 512
#define TOK_OVERLAP 48

/* Byte tables for the tokenizer's loops: BYTES256(F) is F(0) ... F(255). */
#define BYTES4(F, c) F(c), F((c) + 1), F((c) + 2), F((c) + 3)
#define BYTES16(F, c) BYTES4(F, c), BYTES4(F, (c) + 4), BYTES4(F, (c) + 8), BYTES4(F, (c) + 12)
#define BYTES64(F, c) BYTES16(F, c), BYTES16(F, (c) + 16), BYTES16(F, (c) + 32), BYTES16(F, (c) + 48)
#define BYTES256(F) BYTES64(F, 0), BYTES64(F, 64), BYTES64(F, 128), BYTES64(F, 192)
#define ASCII_LETTER(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define SPACE_BYTE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == '\f' || (c) == '\v')
static const unsigned char ascii_letter[256] = {BYTES256(ASCII_LETTER)};
static const unsigned char space_byte[256] = {BYTES256(SPACE_BYTE)};

static int is_alpha_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Width of a non-ASCII punctuation or space sequence at s[i] (0 if none) and
 * the ASCII character it stands for (' ' for spaces). */
static size_t uni_punct(const unsigned char *s, size_t i, size_t len, int *ch)
{
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0xA0 && s[i + 1] <= 0xBF) {
        *ch = s[i + 1] == 0xA0 ? ' ' : '"'; /* no-break space; Latin-1 signs, << >> */
        return 2;
    }
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] >= 0x80 && s[i + 2] <= 0xBF) {
        unsigned char c = s[i + 2];
        if (c <= 0x8F || c == 0xAF)
            *ch = ' ';          /* U+2000..U+200F spaces, U+202F */
        else if (c == 0x93)
            *ch = '-';          /* en dash: ranges */
        else if (c == 0x98 || c == 0x99)
            *ch = '\'';         /* curly apostrophes */
        else
            *ch = '"';          /* other dashes, quotes, bullets */
        return 3;
    }
    return 0;
}

/* Tokenises s[pos..len) into t[0..cap); returns the count.  *more is set when
 * the array filled before the end. */
static size_t tokenize(const char *str, size_t pos, size_t len, tok *t, size_t cap, int *more)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = 0, i = pos;
    *more = 0;
    /* The last byte of s[pos..len) that is no ASCII letter stops every run of
     * letters that starts before it: those runs need no test of len at each
     * letter, only a word that ends the text does.  The search gives up
     * (every run tests len) after 64 letters, for it is made at each call and
     * a text may end in a long run. */
    size_t run_bound = len;
    while (run_bound > pos && ascii_letter[s[run_bound - 1]])
        if (len - --run_bound > 64) {
            run_bound = pos;
            break;
        }
    while (i < len) {
        unsigned char c = s[i];
        if (space_byte[c]) {
            i++;
            continue;
        }
        if (n == cap) {
            *more = 1;
            break;
        }
        tok *k = &t[n];
        memset(k, 0, sizeof *k);
        k->b = (uint32_t)i;
        /* words first: they are most tokens (a non-ASCII byte that is
         * no mark or space starts one too) */
        int ch = 0;
        size_t w = 0;
        if (ascii_letter[c] || (c >= 0x80 && (w = uni_punct(s, i, len, &ch)) == 0)) {
            /* A run of ASCII letters, and any non-ASCII letter glued to it
             * (a word with one is no keyword). */
            size_t j = i;
            int ascii = 1;
            if (j < run_bound)
                while (ascii_letter[s[j]])
                    j++;
            else
                while (j < len && ascii_letter[s[j]])
                    j++;
            if (j < len && s[j] >= 0x80)
                for (int dummy; j < len; j++) {
                    if (ascii_letter[s[j]])
                        continue;
                    if (s[j] < 0x80 || uni_punct(s, j, len, &dummy))
                        break;
                    ascii = 0;
                }
            k->type = T_WORD;
            if (c >= 'A' && c <= 'Z')
                k->flags |= F_CAP;
            int x = ascii ? kw_find(str + i, j - i) : -1;
            if (x >= 0) {
                k->kw = KW[x].kw;
                k->val = KW[x].val;
            }
            i = j;
        } else if (w) {
            i += w;
            if (ch == ' ')
                continue;
            k->type = T_PUNCT;
            k->val = ch;
        } else if (c >= '0' && c <= '9') {
            long v = 0;
            size_t j = i;
            while (j < len && s[j] >= '0' && s[j] <= '9') {
                if (v < 100000000)
                    v = v * 10 + (s[j] - '0');
                j++;
            }
            k->type = T_NUM;
            k->val = (int)v;
            k->ndig = (unsigned char)(j - i > 255 ? 255 : j - i);
            if (i > 0 && is_alpha_byte(s[i - 1]))
                k->flags |= F_GLUED;
            if (j < len && is_alpha_byte(s[j])) {
                size_t e = j;
                while (e < len && is_alpha_byte(s[e]))
                    e++;
                if (e - j == 2) {
                    char a = (char)(s[j] | 0x20), b = (char)(s[j + 1] | 0x20);
                    if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
                        (a == 't' && b == 'h')) {
                        k->flags |= F_ORD;
                        j = e;
                    }
                }
                if (!(k->flags & F_ORD))
                    k->flags |= F_GLUED;
            }
            /* digit-punct-digit: thousands groups, decimals, clock times */
            if (j + 1 < len && s[j + 1] >= '0' && s[j + 1] <= '9') {
                if (s[j] == ',') {
                    size_t e = j + 1;
                    while (e < len && s[e] >= '0' && s[e] <= '9')
                        e++;
                    if (e - j - 1 == 3)
                        k->flags |= F_GROUP;
                } else if (s[j] == '.') {
                    k->flags |= F_GROUP;
                } else if (s[j] == ':') {
                    k->flags |= F_TIME;
                }
            }
            if (i >= 2 && s[i - 2] >= '0' && s[i - 2] <= '9') {
                if (s[i - 1] == ',' && k->ndig == 3)
                    k->flags |= F_GROUP;
                else if (s[i - 1] == '.')
                    k->flags |= F_GROUP;
                else if (s[i - 1] == ':')
                    k->flags |= F_TIME;
            }
            i = j;
        } else {
            k->type = T_PUNCT;
            k->val = c;
            i++;
        }
        k->e = (uint32_t)i;
        n++;
        /* the space after a token, the commonest byte there, is skipped here
         * rather than by a turn of the loop (spaces only separate tokens) */
        if (i < len && s[i] == ' ')
            i++;
    }
    return n;
}

/* ---- scanning context --------------------------------------------------- */

typedef struct {
    const char *s;
    size_t len;
    const tok *t;
    size_t n;
    civil_date report;
    int64_t rd;           /* report day number */
    int rvalid;
    int rwday;            /* the report's weekday (date_weekday), computed once: m_relative
                             runs at every word */
    when_mention *out;
    size_t max, count;
} scan;

/* Only words carry a keyword (tokenize zeroes every token), so no type test. */
static int kwat(const scan *c, size_t i) { return i < c->n ? c->t[i].kw : K_NONE; }
static int punct(const scan *c, size_t i, int ch) { return i < c->n && c->t[i].type == T_PUNCT && c->t[i].val == ch; }
static int adjacent(const scan *c, size_t i) { return i + 1 < c->n && c->t[i].e == c->t[i + 1].b; }
static int prevkw(const scan *c, size_t i) { return i > 0 ? kwat(c, i - 1) : K_NONE; }

static int is_month_kw(int k) { return k == K_MONTH || k == K_MONTHA || k == K_MONTHX || k == K_MONTHAX; }
static int is_unit(int k) { return k == K_UNIT || k == K_UNITP; }

static int64_t ymd(int y, int m, int d)
{
    civil_date x = {y, m, d};
    return date_to_days(x);
}

static void set_range(when_mention *m, int64_t a, int64_t b, int prec, enum when_unit unit)
{
    m->kind = WHEN_DATE;
    m->first = days_to_date(a);
    m->last = days_to_date(b);
    m->precision = prec;
    m->unit = unit;
}

/* "D", "W", "M", "Y" for a unit keyword's day count. */
static char unit_letter(int per) { return per == 1 ? 'D' : per == 7 ? 'W' : per == 30 ? 'M' : 'Y'; }

/* Is token i the word w (lower case ASCII)? */
static int word_is(const scan *c, size_t i, const char *w)
{
    if (i >= c->n || c->t[i].type != T_WORD || (c->s[c->t[i].b] | 0x20) != w[0])
        return 0; /* most asks fail on the first letter, before strlen */
    size_t n = strlen(w);
    if (c->t[i].e - c->t[i].b != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((c->s[c->t[i].b + k] | 0x20) != w[k])
            return 0;
    return 1;
}

static void set_span(const scan *c, when_mention *m, size_t i, size_t j)
{
    m->start = c->t[i].b;
    m->end = c->t[j - 1].e;
}

/* A plain day number 1..31 at i ("25", "25th"). */
static int day_at(const scan *c, size_t i)
{
    if (i >= c->n || c->t[i].type != T_NUM || c->t[i].ndig > 2)
        return 0;
    if (c->t[i].flags & (F_GLUED | F_GROUP | F_TIME))
        return 0;
    int v = c->t[i].val;
    return v >= 1 && v <= 31 ? v : 0;
}

/* A four-digit year 1900..2100 at i. */
static int year_at(const scan *c, size_t i)
{
    if (i >= c->n || c->t[i].type != T_NUM || c->t[i].ndig != 4)
        return 0;
    if (c->t[i].flags & (F_GLUED | F_GROUP | F_TIME | F_ORD))
        return 0;
    int v = c->t[i].val;
    return v >= 1900 && v <= 2100 ? v : 0;
}

/* A count at i: digits, "three", "a", "a few", "several".  Returns tokens
 * used; *lo..*hi is the value (a range for vague counts). */
static size_t count_at(const scan *c, size_t i, int *lo, int *hi)
{
    if (i >= c->n)
        return 0;
    const tok *k = &c->t[i];
    if (k->type == T_NUM) {
        if (k->ndig > 3 || (k->flags & (F_GLUED | F_GROUP | F_TIME | F_ORD)) || k->val == 0)
            return 0;
        *lo = *hi = k->val;
        return 1;
    }
    if (k->kw == K_NUMW) {
        *lo = *hi = k->val;
        return 1;
    }
    if (k->kw == K_A) {
        if (kwat(c, i + 1) == K_FEW) {
            *lo = 2;
            *hi = 5;
            return 2;
        }
        *lo = *hi = 1;
        return 1;
    }
    if (k->kw == K_FEW) {
        *lo = 2;
        *hi = 7;
        return 1;
    }
    return 0;
}

/* Year for a month-day without one.  mode 0: the report's year unless that
 * puts the day more than 60 days after the report, then the year before;
 * 1 ("next"): the first such day after the report; 2 ("last"): the most
 * recent such day in a month before the report's month. */
static int infer_year(const scan *c, int month, int day, int mode)
{
    int y = c->report.year;
    if (mode == 1) {
        if (ymd(y, month, day) <= c->rd)
            y++;
    } else if (mode == 2) {
        if (month >= c->report.month)
            y--;
    } else if (ymd(y, month, day) > c->rd + 60) {
        y--;
    }
    return y;
}

/* ---- matchers: each returns the token index just past its match, or 0 ---- */

/* A matcher writes *m only once it has matched: every "return 0" comes
 * before the first write, and a matcher that tries another (m_weekday,
 * m_clock) clears what that one wrote before it goes on.  when_scan relies on
 * it to clear m once per match, not once per attempt. */

/* ISO 2024-07-25; 25/07/2024, 25.07.2024, 25-07-2024 (day first unless the
 * second part cannot be a month). */
static size_t m_numeric(const scan *c, size_t i, when_mention *m)
{
    const tok *t = c->t;
    if (i + 4 >= c->n || t[i].type != T_NUM || (t[i].flags & F_GLUED))
        return 0;
    for (size_t k = i; k < i + 4; k++)
        if (!adjacent(c, k))
            return 0;
    if (t[i + 2].type != T_NUM || t[i + 4].type != T_NUM || t[i + 1].type != T_PUNCT ||
        t[i + 3].type != T_PUNCT || t[i + 1].val != t[i + 3].val)
        return 0;
    int sep = t[i + 1].val;
    civil_date d;
    if (t[i].ndig == 4 && sep == '-' && t[i + 2].ndig == 2 && t[i + 4].ndig == 2) {
        d.year = t[i].val;
        d.month = t[i + 2].val;
        d.day = t[i + 4].val;
    } else if ((sep == '/' || sep == '.' || sep == '-') && t[i].ndig <= 2 && t[i + 2].ndig <= 2 &&
               (t[i + 4].ndig == 4 || t[i + 4].ndig == 2)) {
        int a = t[i].val, b = t[i + 2].val;
        d.year = t[i + 4].ndig == 2 ? 2000 + t[i + 4].val : t[i + 4].val;
        if (b > 12 && a <= 12) {
            d.month = a;
            d.day = b;
        } else {
            d.day = a;
            d.month = b;
        }
    } else {
        return 0;
    }
    /* part of a longer run of numbers ("1.2.3.2024", "2024-07-25-1") */
    if (i + 5 < c->n && adjacent(c, i + 4) && t[i + 5].type == T_PUNCT && i + 6 < c->n &&
        adjacent(c, i + 5) && t[i + 6].type == T_NUM)
        return 0;
    if (i >= 2 && t[i - 1].type == T_PUNCT && t[i - 1].e == t[i].b && t[i - 2].type == T_NUM &&
        t[i - 2].e == t[i - 1].b)
        return 0;
    if (!date_valid(d))
        return 0;
    int64_t x = date_to_days(d);
    set_range(m, x, x, 1, WHEN_U_DAY);
    set_span(c, m, i, i + 5);
    return i + 5;
}

/* Is the month word at i a month here?  ctx: a word before it or a day/year
 * after it licenses the ambiguous ones. */
static int month_ok(const scan *c, size_t i, int number_follows, int ctx)
{
    const tok *k = &c->t[i];
    switch (k->kw) {
    case K_MONTH:
        return 1;
    case K_MONTHA:
        return (k->flags & F_CAP) && number_follows;
    case K_MONTHAX:
        return (k->flags & F_CAP) && number_follows;
    case K_MONTHX:
        return (k->flags & F_CAP) && (number_follows || ctx);
    default:
        return 0;
    }
}

static int month_ctx_word(int k)
{
    return k == K_IN || k == K_EARLY || k == K_LATE || k == K_MID || k == K_SINCE || k == K_LAST ||
           k == K_NEXT || k == K_THIS || k == K_UNTIL || k == K_DURING || k == K_FROM || k == K_OF ||
           k == K_BY || k == K_BEFORE || k == K_AFTER;
}

/* Resolves a day range d1..d2 (d2 = 0: single day) in month/year. */
static int resolve_days(const scan *c, when_mention *m, int y, int mo, int d1, int d2, int mode)
{
    if (d2 && d2 <= d1)
        d2 = 0;
    if (!y) {
        if (!c->rvalid)
            return 0;
        y = infer_year(c, mo, d1, mode);
    }
    civil_date a = {y, mo, d1}, b = {y, mo, d2 ? d2 : d1};
    if (!date_valid(a) || !date_valid(b))
        return 0;
    int span = b.day - a.day;
    set_range(m, date_to_days(a), date_to_days(b), span == 0 ? 1 : span < 7 ? 2 : 3,
              span == 0 ? WHEN_U_DAY : WHEN_U_SPAN);
    return 1;
}

/* A month (part) in year y (0: infer).  qual 0 whole, 1 early, 2 mid, 3 late. */
static int resolve_month(const scan *c, when_mention *m, int y, int mo, int qual, int mode)
{
    int d1 = qual == 0 || qual == 1 ? 1 : qual == 2 ? 11 : 21;
    if (!y) {
        if (!c->rvalid)
            return 0;
        y = infer_year(c, mo, d1, mode);
    }
    int dim = days_in_month(y, mo);
    int d2 = qual == 1 ? 10 : qual == 2 ? 20 : dim;
    set_range(m, ymd(y, mo, d1), ymd(y, mo, d2), 3, WHEN_U_MONTH);
    return 1;
}

/* Optional ", 2024" / "2024" at j; returns the year and advances *j. */
static int opt_year(const scan *c, size_t *j)
{
    int y;
    if ((y = year_at(c, *j))) {
        *j += 1;
        return y;
    }
    if (punct(c, *j, ',') && (y = year_at(c, *j + 1))) {
        *j += 2;
        return y;
    }
    return 0;
}

/* A second day after a dash: "25-27 July", "July 25-27". */
static int opt_range(const scan *c, size_t *j)
{
    int d2;
    if (punct(c, *j, '-') && (d2 = day_at(c, *j + 1))) {
        *j += 2;
        return d2;
    }
    return 0;
}

/* "25 July 2024", "25th of July", "25-27 July" */
static size_t m_day_month(const scan *c, size_t i, when_mention *m, int mode)
{
    int d1 = day_at(c, i);
    if (!d1)
        return 0;
    size_t j = i + 1;
    int d2 = opt_range(c, &j);
    if ((c->t[i].flags & F_ORD) && kwat(c, j) == K_OF)
        j++;
    if (!is_month_kw(kwat(c, j)) || !month_ok(c, j, 1, 1))
        return 0;
    int mo = c->t[j].val;
    j++;
    if ((c->t[j - 1].kw == K_MONTHA || c->t[j - 1].kw == K_MONTHAX) && punct(c, j, '.'))
        j++;
    int y = opt_year(c, &j);
    if (!resolve_days(c, m, y, mo, d1, d2, mode))
        return 0;
    set_span(c, m, i, j);
    return j;
}

/* "July 25", "Aug. 25, 2024", "July 2024", "July"; qual/mode from a prefix. */
static size_t m_month(const scan *c, size_t i, when_mention *m, int qual, int mode, int ctx)
{
    int k = kwat(c, i);
    if (!is_month_kw(k))
        return 0;
    int mo = c->t[i].val;
    size_t j = i + 1;
    if ((k == K_MONTHA || k == K_MONTHAX) && punct(c, j, '.') && adjacent(c, i))
        j++;
    int d1 = qual ? 0 : day_at(c, j);
    /* "In July 25 people were killed": a count, not a day */
    if (d1 && (kwat(c, j + 1) == K_CNOUN))
        d1 = 0;
    if (d1 && (c->t[j].flags & F_ORD) == 0 && j + 1 < c->n && c->t[j + 1].type == T_NUM &&
        !year_at(c, j + 1))
        d1 = 0;
    int y = 0;
    if (d1) {
        if (!month_ok(c, i, 1, ctx))
            return 0;
        j++;
        int d2 = opt_range(c, &j);
        y = opt_year(c, &j);
        if (!resolve_days(c, m, y, mo, d1, d2, mode))
            return 0;
    } else {
        size_t j2 = j;
        y = opt_year(c, &j2);
        if (!month_ok(c, i, y != 0, ctx))
            return 0;
        if (y)
            j = j2;
        else
            j = i + 1; /* no "Aug." alone */
        if (!resolve_month(c, m, y, mo, qual, mode))
            return 0;
    }
    set_span(c, m, i, j);
    return j;
}

static int year_prev_word(int k)
{
    return k == K_IN || k == K_SINCE || k == K_OF || k == K_DURING || k == K_FROM || k == K_UNTIL ||
           k == K_BY || k == K_A || k == K_THE || k == K_BEFORE || k == K_AFTER || k == K_LATE ||
           k == K_EARLY || k == K_MID;
}

/* A bare year: "in 2020", "a 2020 coup", "since 2022". */
static size_t m_year(const scan *c, size_t i, when_mention *m, int qual)
{
    int y = year_at(c, i);
    const tok *t = c->t;
    /* the second year of a span: "1957-58", "2009-2010" */
    int after_dash = !qual && i >= 2 && punct(c, i - 1, '-') && adjacent(c, i - 2) && adjacent(c, i - 1) &&
                     year_at(c, i - 2);
    if (!y && after_dash && t[i].ndig == 2 && !(t[i].flags & (F_GLUED | F_GROUP | F_TIME | F_ORD))) {
        int first = year_at(c, i - 2);
        y = first / 100 * 100 + t[i].val;
        if (y <= first)
            return 0;
    }
    if (!y)
        return 0;
    int ctx = qual || after_dash || year_prev_word(prevkw(c, i)) || kwat(c, i + 1) == K_YNOUN;
    /* the first year of a span */
    if (!ctx && punct(c, i + 1, '-') && adjacent(c, i) && adjacent(c, i + 1) && i + 2 < c->n &&
        t[i + 2].type == T_NUM && (year_at(c, i + 2) || t[i + 2].ndig == 2))
        ctx = 1;
    /* after a possessive: "his 2007 campaign", "their 2019 offensive" */
    if (!ctx && i > 0 && (word_is(c, i - 1, "his") || word_is(c, i - 1, "her") || word_is(c, i - 1, "its") ||
                          word_is(c, i - 1, "their") || word_is(c, i - 1, "our")))
        ctx = 1;
    if (!ctx)
        return 0;
    int m1 = qual == 0 || qual == 1 ? 1 : qual == 2 ? 5 : 9;
    int m2 = qual == 1 ? 4 : qual == 2 ? 8 : 12;
    set_range(m, ymd(y, m1, 1), ymd(y, m2, days_in_month(y, m2)), 3, WHEN_U_YEAR);
    set_span(c, m, i, i + 1);
    return i + 1;
}

/* "early/mid/late July", "mid-July", "the end of July", "late 2023",
 * "next January", "last July". */
static size_t m_qualified(const scan *c, size_t i, when_mention *m)
{
    int k = kwat(c, i);
    size_t j = i + 1;
    int qual = 0, mode = 0;
    if (k == K_EARLY || k == K_MID || k == K_LATE) {
        qual = c->t[i].val;
        if (punct(c, j, '-') && adjacent(c, i))
            j++;
    } else if (k == K_END || k == K_START || k == K_MIDDLE) {
        if (kwat(c, j) != K_OF)
            return 0;
        qual = c->t[i].val;
        j++;
        if (kwat(c, j) == K_THE && kwat(c, j + 1) == K_UNIT && kwat(c, j + 2) == K_OF)
            j += 3; /* "the end of the month of July" */
    } else if (k == K_NEXT || k == K_COMING) {
        mode = 1;
    } else if (k == K_LAST) {
        mode = 2;
    } else {
        return 0;
    }
    /* "late last July", "early next year"'s month form: "early next March" */
    if (qual && (kwat(c, j) == K_LAST || kwat(c, j) == K_NEXT) && is_month_kw(kwat(c, j + 1))) {
        mode = kwat(c, j) == K_LAST ? 2 : 1;
        j++;
    }
    size_t e = m_month(c, j, m, qual, mode, 1);
    if (!e && qual)
        e = m_year(c, j, m, qual);
    if (!e)
        return 0;
    m->start = c->t[i].b;
    return e;
}

/* Weekdays: "Sunday", "on Sunday evening", "Sunday's", "next Monday",
 * "last Friday"; "Sunday, July 25" is one explicit date. */
static size_t m_weekday(const scan *c, size_t i, when_mention *m)
{
    size_t w = i;
    int mode = 0;
    int k = kwat(c, i);
    if (k == K_NEXT || k == K_COMING)
        mode = 1, w++;
    else if (k == K_LAST)
        mode = 2, w++;
    else if (k == K_THIS || k == K_EARLY || k == K_LATE)
        w++; /* "early Sunday", "late Thursday": that day */
    if (kwat(c, w) != K_WDAY)
        return 0;
    /* "Sunday, July 25" / "Sunday 25 July" */
    if (mode == 0) {
        size_t j = w + 1;
        if (punct(c, j, ','))
            j++;
        if (kwat(c, j) == K_THE)
            j++;
        size_t e = m_day_month(c, j, m, 0);
        if (!e)
            e = m_month(c, j, m, 0, 0, 1);
        if (e && m->precision == 1) {
            m->start = c->t[i].b;
            return e;
        }
        memset(m, 0, sizeof *m);
    }
    if (!c->rvalid)
        return 0;
    int wd = c->t[w].val;
    int rw = c->rwday;
    int64_t d;
    if (mode == 1) {
        int f = (wd - rw + 7) % 7;
        d = c->rd + (f ? f : 7);
    } else {
        int b = (rw - wd + 7) % 7;
        if (mode == 2 && b == 0)
            b = 7;
        d = c->rd - b;
    }
    size_t j = w + 1;
    set_range(m, d, d, 1, WHEN_U_DAY);
    if (kwat(c, j) == K_TOD)
        m->tod = c->t[j++].val;
    m->weekday = mode != 1;
    set_span(c, m, i, j);
    return j;
}

/* "on the 25th": a day of the month without the month.  The most recent such
 * day on or before the report (this month's if it has come, else last
 * month's).  Only after a word that introduces a date and before no word
 * that would make it a rank ("the 25th anniversary", "the 3rd battalion"). */
static size_t m_nth(const scan *c, size_t i, when_mention *m)
{
    if (!c->rvalid || i + 1 >= c->n || !(c->t[i + 1].flags & F_ORD))
        return 0;
    int d = day_at(c, i + 1);
    int pk = prevkw(c, i);
    if (!d || (pk != K_ON && pk != K_BY && pk != K_SINCE && pk != K_UNTIL && pk != K_BEFORE &&
               pk != K_AFTER && pk != K_OF && pk != K_FROM))
        return 0;
    size_t j = i + 2;
    if (j < c->n && c->t[j].type == T_WORD) {
        int k = c->t[j].kw;
        if (k == K_OF && kwat(c, j + 1) == K_THIS && kwat(c, j + 2) == K_UNIT && c->t[j + 2].val == 30)
            j += 3; /* "the 25th of this month" */
        else if (k != K_WHEN && k != K_AT && k != K_AND && k != K_IN && k != K_ON)
            return 0; /* "the 25th of July" is m_day_month's; "the 25th anniversary" no date */
    }
    int y = c->report.year, mo = c->report.month;
    if (d > c->report.day) {
        mo = mo == 1 ? 12 : mo - 1;
        if (c->report.month == 1)
            y--;
    }
    civil_date x = {y, mo, d};
    if (!date_valid(x))
        return 0;
    set_range(m, date_to_days(x), date_to_days(x), 1, WHEN_U_DAY);
    set_span(c, m, i, j);
    return j;
}

/* Relative to the report: "yesterday", "last week", "three days ago", ... */
static size_t m_relative(const scan *c, size_t i, when_mention *m)
{
    if (!c->rvalid)
        return 0;
    int64_t r = c->rd;
    int k = kwat(c, i);
    int k1 = kwat(c, i + 1);
    int wd = c->rwday;
    int64_t monday = r - (wd + 6) % 7; /* Monday of the report's week */
    int y = c->report.year, mo = c->report.month;
    size_t j = i + 1;
    switch (k) {
    case K_YESTERDAY:
        set_range(m, r - 1, r - 1, 1, WHEN_U_DAY);
        if (kwat(c, j) == K_TOD)
            m->tod = c->t[j++].val;
        break;
    case K_TODAY:
    case K_TONIGHT:
        set_range(m, r, r, 1, WHEN_U_DAY);
        if (k == K_TONIGHT)
            m->tod = 4;
        break;
    case K_OVERNIGHT:
        set_range(m, r - 1, r - 1, 1, WHEN_U_DAY);
        break;
    case K_RECENT: {
        /* "in recent days / weeks / months": a vague stretch up to the report */
        if (k1 != K_UNITP)
            return 0;
        int per = c->t[i + 1].val;
        int64_t back = per == 1 ? 7 : per == 7 ? 28 : per == 30 ? 180 : 0;
        if (!back)
            return 0;
        set_range(m, r - back, r, per == 1 ? 2 : 3, WHEN_U_PAST);
        m->dunit = unit_letter(per); /* TimeML: "recent weeks" = PXW */
        j = i + 2;
        break;
    }
    case K_THE:
        /* "the day before yesterday" */
        if (k1 == K_UNIT && c->t[i + 1].val == 1 && kwat(c, i + 2) == K_BEFORE &&
            kwat(c, i + 3) == K_YESTERDAY) {
            set_range(m, r - 2, r - 2, 1, WHEN_U_DAY);
            j = i + 4;
            break;
        }
        /* "the past three days", "the last week", "the past 24 hours" */
        if (k1 == K_PAST || k1 == K_LAST) {
            int lo = 1, hi = 1;
            size_t n = count_at(c, i + 2, &lo, &hi);
            int vague = n && lo != hi; /* "the past few days": as far back as the count goes */
            size_t u = i + 2 + n;
            int ku = kwat(c, u);
            int64_t back;
            int prec;
            char dl;
            if (is_unit(ku)) {
                back = (int64_t)hi * c->t[u].val;
                prec = c->t[u].val >= 30 ? 3 : back <= 1 ? 1 : 2;
                dl = unit_letter(c->t[u].val);
            } else if ((ku == K_DECADE && !n) || (ku == K_DECADEP && n && !vague)) {
                /* "the past decade", "the last two decades": a length (P10Y) */
                m->kind = WHEN_DURATION;
                m->count = 10 * (n ? lo : 1);
                m->dunit = 'Y';
                m->ndays = 3650 * (n ? lo : 1);
                j = u + 1;
                break;
            } else if ((ku == K_HOUR || ku == K_HOURP) && n) {
                back = (hi + 23) / 24;
                prec = back <= 1 ? 1 : 2;
                dl = 'H';
            } else {
                return 0;
            }
            if (!n && ku != K_UNIT)
                return 0;
            /* "the last week" names a week (TimeML: that ISO week); "the
             * past three days" a stretch of days */
            enum when_unit un = vague ? WHEN_U_PAST : WHEN_U_SPAN;
            if (!n)
                un = dl == 'W' ? WHEN_U_WEEK : dl == 'M' ? WHEN_U_MONTH : dl == 'Y' ? WHEN_U_YEAR : WHEN_U_DAY;
            set_range(m, r - back, r, prec, un);
            if (n) {
                m->count = vague ? 0 : lo; /* "the past several months": PXM */
                m->dunit = dl;
            }
            j = u + 1;
            break;
        }
        return 0;
    case K_LAST:
        if (k1 == K_FISCAL && kwat(c, i + 2) == K_UNIT && c->t[i + 2].val == 365) {
            set_range(m, ymd(y - 1, 1, 1), ymd(y - 1, 12, 31), 3, WHEN_U_YEAR);
            j = i + 3;
            break;
        }
        if (k1 == K_TOD) { /* "last night", "last evening" */
            set_range(m, r - 1, r - 1, 1, WHEN_U_DAY);
            m->tod = c->t[i + 1].val;
        } else if (k1 == K_UNIT && c->t[i + 1].val == 7) {
            set_range(m, monday - 7, monday - 1, 2, WHEN_U_WEEK);
        } else if (k1 == K_WEEKEND) {
            int64_t sun = r - (wd == 0 ? 7 : wd);
            set_range(m, sun - 1, sun, 2, WHEN_U_WEEKEND);
        } else if (k1 == K_UNIT && c->t[i + 1].val == 30) {
            int py = mo == 1 ? y - 1 : y, pm = mo == 1 ? 12 : mo - 1;
            set_range(m, ymd(py, pm, 1), ymd(py, pm, days_in_month(py, pm)), 3, WHEN_U_MONTH);
        } else if (k1 == K_UNIT && c->t[i + 1].val == 365) {
            set_range(m, ymd(y - 1, 1, 1), ymd(y - 1, 12, 31), 3, WHEN_U_YEAR);
        } else {
            return 0;
        }
        j = i + 2;
        break;
    case K_NEXT:
    case K_COMING:
        /* "next week", "next month", "next year": the calendar unit after the report's */
        if (k1 == K_UNIT && c->t[i + 1].val == 7) {
            set_range(m, monday + 7, monday + 13, 2, WHEN_U_WEEK);
        } else if (k1 == K_UNIT && c->t[i + 1].val == 30) {
            int ny = mo == 12 ? y + 1 : y, nm = mo == 12 ? 1 : mo + 1;
            set_range(m, ymd(ny, nm, 1), ymd(ny, nm, days_in_month(ny, nm)), 3, WHEN_U_MONTH);
        } else if (k1 == K_UNIT && c->t[i + 1].val == 365) {
            set_range(m, ymd(y + 1, 1, 1), ymd(y + 1, 12, 31), 3, WHEN_U_YEAR);
        } else {
            return 0;
        }
        j = i + 2;
        break;
    case K_EARLIER:
    case K_THIS: {
        size_t u = i + 1;
        if (k == K_EARLIER) {
            if (k1 != K_THIS)
                return 0;
            u++;
        }
        if (kwat(c, u) == K_FISCAL && kwat(c, u + 1) == K_UNIT && c->t[u + 1].val == 365)
            u++; /* "this fiscal year": the calendar year stands for it */
        int ku = kwat(c, u);
        int64_t end = k == K_EARLIER ? r - 1 : r;
        if (ku == K_UNIT && c->t[u].val == 7) {
            set_range(m, monday, end < monday ? monday : end, 2, WHEN_U_WEEK);
        } else if (ku == K_UNIT && c->t[u].val == 30) {
            int64_t first = ymd(y, mo, 1);
            set_range(m, first, end < first ? first : end, 3, WHEN_U_MONTH);
        } else if (ku == K_UNIT && c->t[u].val == 365) {
            int64_t first = ymd(y, 1, 1);
            set_range(m, first, end < first ? first : end, 3, WHEN_U_YEAR);
        } else if (ku == K_WEEKEND && k == K_THIS) {
            int64_t sun = wd == 0 ? r : wd == 6 ? r + 1 : r - wd;
            set_range(m, sun - 1, sun, 2, WHEN_U_WEEKEND);
        } else if (ku == K_TOD && k == K_THIS) {
            set_range(m, r, r, 1, WHEN_U_DAY);
            m->tod = c->t[u].val;
        } else {
            return 0;
        }
        j = u + 1;
        break;
    }
    default: {
        /* "three days ago", "a week ago" */
        int lo, hi;
        size_t n = count_at(c, i, &lo, &hi);
        if (!n || lo != hi)
            return 0;
        size_t u = i + n;
        int ku = kwat(c, u);
        if (!is_unit(ku) || kwat(c, u + 1) != K_AGO)
            return 0;
        int per = c->t[u].val;
        if (per == 30) {
            int tm = y * 12 + (mo - 1) - lo;
            int ty = tm / 12, tmo = tm % 12 + 1;
            set_range(m, ymd(ty, tmo, 1), ymd(ty, tmo, days_in_month(ty, tmo)), 3, WHEN_U_MONTH);
        } else if (per == 365) {
            set_range(m, ymd(y - lo, 1, 1), ymd(y - lo, 12, 31), 3, WHEN_U_YEAR);
        } else {
            int64_t d = r - (int64_t)lo * per;
            set_range(m, d, d, per == 1 ? 1 : 2, per == 1 ? WHEN_U_DAY : WHEN_U_WEEK);
        }
        j = u + 2;
        break;
    }
    }
    set_span(c, m, i, j);
    return j;
}

static void anchored(when_mention *m, int a, int b, int prec)
{
    m->kind = WHEN_ANCHORED;
    m->off_start = a;
    m->off_end = b;
    m->precision = prec;
}

/* Relative to another event: "the next day", "in the following days",
 * "two days later", "a day earlier". */
static size_t m_anchored(const scan *c, size_t i, when_mention *m)
{
    int k = kwat(c, i), k1 = kwat(c, i + 1), k2 = kwat(c, i + 2);
    size_t j;
    if (k == K_THE) {
        int unit2 = is_unit(k2) ? c->t[i + 2].val : 0;
        if ((k1 == K_NEXT || k1 == K_FOLLOWING) && (k2 == K_TOD || (k2 == K_UNIT && unit2 == 1))) {
            anchored(m, 1, 1, 1);
        } else if (k1 == K_FOLLOWING && k2 == K_UNITP && unit2 == 1) {
            anchored(m, 1, 7, 2);
        } else if ((k1 == K_NEXT || k1 == K_FOLLOWING) && k2 == K_UNIT && unit2 == 7) {
            anchored(m, 1, 7, 2);
        } else if (k1 == K_PREVIOUS && (k2 == K_TOD || (k2 == K_UNIT && unit2 == 1))) {
            anchored(m, -1, -1, 1);
        } else if (k1 == K_UNIT && c->t[i + 1].val == 1 && (k2 == K_AFTER || k2 == K_BEFORE)) {
            anchored(m, k2 == K_AFTER ? 1 : -1, k2 == K_AFTER ? 1 : -1, 1);
        } else if (k1 == K_UNITP && c->t[i + 1].val == 1 && k2 == K_THAT &&
                   kwat(c, i + 3) == K_FOLLOWED) {
            anchored(m, 1, 7, 2);
            j = i + 4;
            set_span(c, m, i, j);
            return j;
        } else if (k1 == K_UNITP && c->t[i + 1].val == 1 && k2 == K_AFTER) {
            anchored(m, 1, 7, 2);
        } else {
            return 0;
        }
        j = i + 3;
        set_span(c, m, i, j);
        return j;
    }
    /* "days later", "weeks later", "hours later".  As in TimeML, the span is
     * the length ("days", value PXD); "later" is the signal that anchors it. */
    if ((k == K_UNITP || k == K_HOURP) && (k1 == K_LATER || k1 == K_EARLIER)) {
        int s = k1 == K_LATER ? 1 : -1;
        if (k == K_HOURP)
            anchored(m, s > 0 ? 0 : -1, s > 0 ? 1 : 0, 1);
        else if (c->t[i].val == 1)
            anchored(m, s > 0 ? 1 : -7, s > 0 ? 7 : -1, 2);
        else if (c->t[i].val == 7)
            anchored(m, s > 0 ? 7 : -28, s > 0 ? 28 : -7, 3);
        else
            return 0;
        m->dunit = k == K_HOURP ? 'H' : unit_letter(c->t[i].val);
        set_span(c, m, i, i + 1);
        return i + 2;
    }
    int lo, hi;
    size_t n = count_at(c, i, &lo, &hi);
    if (!n)
        return 0;
    size_t u = i + n;
    int ku = kwat(c, u), kd = kwat(c, u + 1);
    int hour = ku == K_HOUR || (ku == K_HOURP && n);
    if ((!is_unit(ku) || c->t[u].val > 30) && !hour)
        return 0;
    if (kd != K_LATER && kd != K_EARLIER && kd != K_BEFORE && kd != K_AFTER)
        return 0;
    /* The span is the length ("two days", "a month"), as TimeML marks it;
     * "later" / "before" is the signal.  Value: P2D, P1M, PXD for "a few days". */
    m->count = lo == hi ? lo : 0;
    m->dunit = hour ? 'H' : unit_letter(c->t[u].val);
    if (hour) { /* "an hour before the attack": the same day */
        int d = hi / 24, sg = kd == K_LATER || kd == K_AFTER ? 1 : -1;
        anchored(m, sg > 0 ? 0 : -d, sg > 0 ? d : 0, 1);
        set_span(c, m, i, u + 1);
        return u + 2;
    }
    /* "two days after the attack" / "days before the vote" are anchored too */
    int per = c->t[u].val;
    int s = kd == K_LATER || kd == K_AFTER ? 1 : -1;
    int a = lo * per * s, b = hi * per * s;
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    anchored(m, a, b, lo == hi && per == 1 ? 1 : per >= 30 ? 3 : 2);
    set_span(c, m, i, u + 1);
    return u + 2;
}

/* Lengths: "three days of fighting", "for two weeks", "two-day battle". */
static size_t m_duration(const scan *c, size_t i, when_mention *m)
{
    int lo, hi;
    size_t n = count_at(c, i, &lo, &hi);
    if (!n || lo != hi)
        return 0;
    size_t u = i + n;
    int hyphen = n == 1 && punct(c, u, '-') && adjacent(c, i) && adjacent(c, u);
    if (hyphen)
        u++;
    int ku = kwat(c, u);
    int hour = ku == K_HOUR || ku == K_HOURP;
    if (!is_unit(ku) && !hour)
        return 0;
    int days = hour ? (lo + 23) / 24 : lo * c->t[u].val;
    int ok;
    if (hyphen) {
        ok = ku == K_UNIT || ku == K_HOUR; /* "two-day", "48-hour" */
        if (punct(c, u + 1, '-') && kwat(c, u + 2) == K_OLD)
            ok = 0;                        /* "a 22-year-old": an age */
    } else {
        int pk = prevkw(c, i);
        ok = pk == K_FOR || pk == K_OVER || pk == K_LASTED || kwat(c, u + 1) == K_OF;
    }
    if (!ok)
        return 0;
    m->kind = WHEN_DURATION;
    m->lasting = 1;
    m->ndays = days;
    m->count = lo;
    m->dunit = hour ? 'H' : unit_letter(c->t[u].val);
    set_span(c, m, i, u + 1);
    return u + 1;
}

/* ---- lengths, recurrences, seasons, clock times, vague pointers --------- */

static int is_len_unit(int k)
{
    return is_unit(k) || k == K_HOUR || k == K_HOURP || k == K_MINUTE || k == K_MINUTEP || k == K_DECADE ||
           k == K_DECADEP || k == K_CENTURY;
}

static int is_plural_len(int k) { return k == K_UNITP || k == K_HOURP || k == K_MINUTEP || k == K_DECADEP; }

/* Sets a length of `count` units (keyword ku at token u); count 0: vague. */
static void set_length(const scan *c, when_mention *m, size_t u, int count)
{
    int ku = c->t[u].kw;
    m->kind = WHEN_DURATION;
    m->count = count;
    if (ku == K_HOUR || ku == K_HOURP) {
        m->dunit = 'H';
        m->ndays = (count + 23) / 24;
    } else if (ku == K_MINUTE || ku == K_MINUTEP) {
        m->dunit = 'N';
        m->ndays = 1;
    } else if (ku == K_DECADE || ku == K_DECADEP) {
        m->dunit = count ? 'Y' : 'E';   /* "a decade" P10Y, "decades" PXDE */
        m->count = count * 10;
        m->ndays = count * 3650;
    } else if (ku == K_CENTURY) {
        m->dunit = 'Y';
        m->count = count * 100;
        m->ndays = count * 36500;
    } else {
        m->dunit = unit_letter(c->t[u].val);
        m->ndays = count * c->t[u].val;
    }
}

/* Any other length: "90 days in jail", "five years' probation", "almost seven
 * years", "a mere 24 hours", "in a decade", "several days", "for years",
 * "between 12 and 18 months" (12 is months too), "Two years after his
 * arrest" (the signal "after" is left out).  Not an age ("a 22-year-old",
 * "children aged 6 months", "6 months and older").  lasting = 0: such a length
 * does not say how long the news event went on. */
static size_t m_length(const scan *c, size_t i, when_mention *m)
{
    size_t b = i, j = i;
    int k = kwat(c, j);
    /* of the CNOUN words only "more" ("more than two years") starts a
     * length; "killed", "men"... are no count, and would fail below */
    if (k == K_CNOUN && !word_is(c, j, "more"))
        return 0;
    if (k == K_A && kwat(c, j + 1) == K_MOD && word_is(c, j + 1, "mere"))
        j += 2;                          /* "a mere 24 hours" */
    else if (k == K_MOD && !word_is(c, j, "mere"))
        j++;                             /* "almost seven years", "some 20 years" */
    else if ((k == K_CNOUN && word_is(c, j, "more")) || k == K_LESS) {
        if (kwat(c, j + 1) != K_THAN)
            return 0;
        j += 2;                          /* "more than two years" */
    } else if (k == K_THE && j + 1 < c->n && (c->t[j + 1].type == T_NUM || kwat(c, j + 1) == K_NUMW))
        j++;                             /* "the 90 years since" */
    int pk = prevkw(c, b);
    if (pk == K_AGE)
        return 0;
    int lo = 0, hi = 0;
    size_t n = count_at(c, j, &lo, &hi);
    size_t u = j + n;
    if (!n) {
        /* bare plural after "for" / "within": "for years", "within hours" */
        if (j != i || !is_plural_len(kwat(c, u)) || (pk != K_FOR && pk != K_WITHIN))
            return 0;
    } else if (n == 1 && c->t[j].type == T_NUM && (kwat(c, u) == K_AND || word_is(c, u, "to") || word_is(c, u, "or"))) {
        /* "between 12 and 18 months": the first count takes the unit of the second */
        int lo2, hi2;
        size_t n2 = count_at(c, u + 1, &lo2, &hi2);
        if (!n2 || c->t[u + 1].type != T_NUM || !is_len_unit(kwat(c, u + 1 + n2)) || j != i)
            return 0;
        set_length(c, m, u + 1 + n2, lo);
        set_span(c, m, i, j + 1);
        return j + 1;
    }
    int ku = kwat(c, u);
    if (!is_len_unit(ku))
        return 0;
    if (ku == K_CENTURY && n && c->t[j].type == T_NUM)
        return 0;                        /* "20th century" is m_century's */
    /* "a month" alone is a length only where a length is expected; elsewhere
     * ("$5bn a year", "twice a week") it is a rate */
    if (n && c->t[j].kw == K_A && j == i && pk != K_IN && pk != K_FOR && pk != K_OVER && pk != K_WITHIN &&
        pk != K_THAN && pk != K_DURING && pk != K_LASTED && pk != K_AFTER && pk != K_AGE) {
        int kd = kwat(c, u + 1);
        if (kd != K_BEFORE && kd != K_AFTER && kd != K_LATER && kd != K_EARLIER)
            return 0;
    }
    int kn = kwat(c, u + 1);
    if (kn == K_OLD || kn == K_AGO || (punct(c, u + 1, '-') && kwat(c, u + 2) == K_OLD))
        return 0;                        /* ages; "ago" is m_relative's */
    if (kn == K_AND && kwat(c, u + 2) == K_OLD)
        return 0;                        /* "6 months and older" */
    if (punct(c, u, '-') || (n && punct(c, j + 1, '-')))
        return 0;
    set_length(c, m, u, lo == hi ? lo : 0);
    /* "for almost two weeks", "some three days of fighting": how long it lasted */
    m->lasting = pk == K_FOR || pk == K_OVER || pk == K_LASTED || kn == K_OF;
    set_span(c, m, b, u + 1);
    return u + 1;
}

/* "the next few months", "the coming years", "the next two years", "the next
 * decade", "the following decade": a length ahead, not a date of the event. */
static size_t m_ahead(const scan *c, size_t i, when_mention *m)
{
    int k1 = kwat(c, i + 1);
    if (kwat(c, i) != K_THE || (k1 != K_NEXT && k1 != K_COMING && k1 != K_FOLLOWING))
        return 0;
    int lo = 0, hi = 0;
    size_t n = count_at(c, i + 2, &lo, &hi);
    if (n && c->t[i + 2].kw == K_A)
        return 0;
    size_t u = i + 2 + n;
    int ku = kwat(c, u);
    if (ku == K_DECADE && !n)
        lo = hi = 1;
    else if (!(is_plural_len(ku) && (n || c->t[u].val >= 30)))
        return 0;                        /* "the following days" is anchored */
    set_length(c, m, u, lo == hi ? lo : 0);
    set_span(c, m, i, u + 1);
    return u + 1;
}

static void set_recurrence(when_mention *m, enum when_unit unit, int wday, int tod)
{
    m->kind = WHEN_SET;
    m->unit = unit;
    m->set_wday = wday;
    m->tod = tod;
}

/* "every year", "each morning", "every Friday night", "annually", "daily",
 * "on Fridays". */
static size_t m_set(const scan *c, size_t i, when_mention *m)
{
    int k = kwat(c, i);
    if (k == K_EVERY) {
        size_t u = i + 1;
        int ku = kwat(c, u);
        if (ku == K_UNIT) {
            int per = c->t[u].val;
            set_recurrence(m, per == 1 ? WHEN_U_DAY : per == 7 ? WHEN_U_WEEK : per == 30 ? WHEN_U_MONTH : WHEN_U_YEAR,
                           0, 0);
        } else if (ku == K_WDAY) {
            int wd = c->t[u].val;
            set_recurrence(m, WHEN_U_WEEK, wd ? wd : 7, 0);
            if (kwat(c, u + 1) == K_TOD)
                m->tod = c->t[++u].val;
        } else if (ku == K_TOD) {
            set_recurrence(m, WHEN_U_DAY, 0, c->t[u].val);
        } else if (ku == K_WEEKEND) {
            set_recurrence(m, WHEN_U_WEEKEND, 0, 0);
        } else {
            return 0;
        }
        set_span(c, m, i, u + 1);
        return u + 1;
    }
    if (k == K_SETADV) {
        int per = c->t[i].val;
        /* "daily" and "weekly" are also adjectives ("a daily newspaper"): a
         * recurrence only at the end of a clause */
        if (per != 365 && i + 1 < c->n && c->t[i + 1].type == T_WORD) {
            int kn = c->t[i + 1].kw;
            if (kn != K_AND && kn != K_IN && kn != K_ON && kn != K_AT && kn != K_SINCE && kn != K_FOR &&
                kn != K_UNTIL)
                return 0;
        }
        if (per < 0)
            set_recurrence(m, WHEN_U_DAY, 0, -per);   /* "nightly" */
        else
            set_recurrence(m, per == 1 ? WHEN_U_DAY : per == 7 ? WHEN_U_WEEK : per == 30 ? WHEN_U_MONTH : WHEN_U_YEAR, 0, 0);
        set_span(c, m, i, i + 1);
        return i + 1;
    }
    if (k == K_WDAYS) {
        set_recurrence(m, WHEN_U_WEEK, c->t[i].val, 0);
        size_t e = i + 1;
        if (kwat(c, e) == K_TOD)
            m->tod = c->t[e++].val;
        set_span(c, m, i, e);
        return e;
    }
    return 0;
}

/* "now", "currently", "at present", "the past", "in the future", "at the
 * time": TimeML's PRESENT_REF / PAST_REF / FUTURE_REF. */
static size_t m_ref(const scan *c, size_t i, when_mention *m)
{
    int k = kwat(c, i), k1 = kwat(c, i + 1);
    size_t e;
    enum when_unit u;
    if (k == K_NOW) {
        if (k1 == K_THAT)
            return 0;                    /* "now that ..." joins clauses */
        u = WHEN_U_PRESENT, e = i + 1;
    } else if (k == K_PRESENT && (prevkw(c, i) == K_AT)) {
        u = WHEN_U_PRESENT, e = i + 1;
    } else if (k == K_THE && (k1 == K_PAST || k1 == K_FUTURE) && prevkw(c, i) == K_IN) {
        u = k1 == K_PAST ? WHEN_U_PAST : WHEN_U_FUTURE, e = i + 2;
    } else if (k == K_AT && k1 == K_THE && kwat(c, i + 2) == K_TIMEW &&
               (i + 3 >= c->n || c->t[i + 3].type == T_PUNCT)) {
        u = WHEN_U_PAST, e = i + 3;     /* "... in international waters at the time." */
    } else {
        return 0;
    }
    m->kind = WHEN_REF;
    m->unit = u;
    set_span(c, m, i, e);
    return e;
}

/* First day of season s (1 spring .. 4 winter) in year y, and its last. */
static void season_range(int y, int s, int64_t *a, int64_t *b)
{
    int m1 = s == 1 ? 3 : s == 2 ? 6 : s == 3 ? 9 : 12;
    *a = ymd(y, m1, 1);
    *b = s == 4 ? ymd(y + 1, 3, 1) - 1 : ymd(y, m1 + 2, days_in_month(y, m1 + 2));
}

/* "last summer", "this winter", "in the spring", "summer 2012", "the autumn of
 * 2019" (northern-hemisphere seasons: spring March-May, summer June-August,
 * autumn September-November, winter December-February, named by the year of
 * its December).  "fall" is a season only after last/this/next/early/late
 * or before a year. */
static size_t m_season(const scan *c, size_t i, when_mention *m)
{
    size_t w = i;
    int k = kwat(c, i), mode = 0;
    if (k == K_LAST)
        mode = 2, w++;
    else if (k == K_NEXT || k == K_COMING)
        mode = 1, w++;
    else if (k == K_THIS || k == K_EARLY || k == K_LATE || k == K_MID)
        mode = 3, w++;
    if (punct(c, w, '-') && w > i && adjacent(c, w - 1))
        w++;                            /* "mid-summer" */
    if (kwat(c, w) != K_SEASON)
        return 0;
    int s = c->t[w].val;
    size_t e = w + 1;
    int y = 0;
    if (kwat(c, e) == K_OF && year_at(c, e + 1)) {
        y = year_at(c, e + 1);
        e += 2;
    } else if ((y = year_at(c, e))) {
        e++;
    }
    if (s < 0 && !y && w == i)
        return 0;                       /* "the fall of Kabul", "prices fall" */
    s = s < 0 ? -s : s;
    if (!y && w == i) {
        int pk = prevkw(c, i);
        if (pk == K_THE && i >= 2)
            pk = kwat(c, i - 2);        /* "in the summer" */
        if (pk != K_IN && pk != K_DURING && pk != K_SINCE && pk != K_UNTIL && pk != K_BY && pk != K_OF)
            return 0;
    }
    if (!y && !c->rvalid)
        return 0;
    int64_t a, b;
    if (y) {
        season_range(y, s, &a, &b);
    } else {
        int ry = c->report.year;
        y = ry;
        season_range(y, s, &a, &b);
        if (s == 4 && c->report.month <= 2) { /* a January report's winter began last December */
            y--;
            season_range(y, s, &a, &b);
        }
        if (mode == 2) {                /* the most recent one over before the report */
            while (b >= c->rd) {
                y--;
                season_range(y, s, &a, &b);
            }
        } else if (mode == 1) {         /* the first one that starts after it */
            while (a <= c->rd) {
                y++;
                season_range(y, s, &a, &b);
            }
        } else if (mode == 0 && a > c->rd + 60) {
            y--;
            season_range(y, s, &a, &b);
        }
    }
    set_range(m, a, b, 3, WHEN_U_SEASON);
    m->season = s;
    set_span(c, m, i, e);
    return e;
}

/* "the 20th century", "this century": a whole century (value "19"). */
static size_t m_century(const scan *c, size_t i, when_mention *m)
{
    int n = 0;
    size_t e;
    if (i + 1 < c->n && c->t[i].type == T_NUM && (c->t[i].flags & F_ORD) && kwat(c, i + 1) == K_CENTURY) {
        n = c->t[i].val;
        e = i + 2;
    } else if (kwat(c, i) == K_THIS && kwat(c, i + 1) == K_CENTURY && c->rvalid) {
        n = c->report.year / 100 + 1;
        e = i + 2;
    } else {
        return 0;
    }
    if (n < 1 || n > 21)
        return 0;
    int y = (n - 1) * 100;
    set_range(m, ymd(y == 0 ? 1 : y, 1, 1), ymd(y + 99, 12, 31), 3, WHEN_U_CENTURY);
    set_span(c, m, i, e);
    return e;
}

/* A clock time at i: "8 p.m.", "8 PM", "3pm", "10:30 a.m.", "15:00 GMT", "at
 * 10:30".  Sets hour/minute; returns the token after it, or 0. */
static size_t clock_at(const scan *c, size_t i, int *hour, int *minute)
{
    const tok *t = c->t;
    if (kwat(c, i) == K_CLOCKW) { /* "noon", "midday", "midnight" */
        *hour = t[i].val;
        *minute = 0;
        return i + 1;
    }
    if (i >= c->n || t[i].type != T_NUM || t[i].ndig > 2 || (t[i].flags & (F_GROUP | F_ORD)))
        return 0;
    if (t[i].b > 0 && is_alpha_byte((unsigned char)c->s[t[i].b - 1]))
        return 0;                       /* "M23" */
    int h = t[i].val, mi = 0;
    size_t j = i + 1;
    int hm = 0;
    if ((t[i].flags & F_TIME) && punct(c, j, ':') && j + 1 < c->n && t[j + 1].type == T_NUM && t[j + 1].ndig == 2 &&
        adjacent(c, i) && adjacent(c, j)) {
        mi = t[j + 1].val;
        j += 2;
        hm = 1;
        if (punct(c, j, ':') && adjacent(c, j - 1))
            return 0;                   /* "3:07:35" is a race time */
    } else if (t[i].flags & F_TIME) {
        return 0;
    }
    if (h > 23 || mi > 59)
        return 0;
    int ampm = -1;
    if (kwat(c, j) == K_AMPM) {
        ampm = c->t[j].val;
        j++;
    } else if ((word_is(c, j, "a") || word_is(c, j, "p")) && punct(c, j + 1, '.') && word_is(c, j + 2, "m") &&
               adjacent(c, j) && adjacent(c, j + 1)) {
        ampm = word_is(c, j, "p") ? 12 : 0;
        j += 3;
        if (punct(c, j, '.') && adjacent(c, j - 1))
            j++;
    }
    int zone = kwat(c, j) == K_ZONE;
    if (ampm >= 0) {
        if (h < 1 || h > 12)
            return 0;
        h = h % 12 + ampm;
    } else if (!hm || (!zone && prevkw(c, i) != K_AT && prevkw(c, i) != K_BY && prevkw(c, i) != K_UNTIL &&
                       prevkw(c, i) != K_FROM && prevkw(c, i) != K_BEFORE && prevkw(c, i) != K_AFTER &&
                       prevkw(c, i) != K_SINCE)) {
        return 0;                       /* "won in 3:07", a bare "8" */
    }
    if (zone)
        j++;
    *hour = h;
    *minute = mi;
    return j;
}

static size_t m_weekday(const scan *c, size_t i, when_mention *m);
static size_t m_relative(const scan *c, size_t i, when_mention *m);

/* A clock time, with the day that follows it when there is one ("15:00 GMT
 * Saturday", "8 p.m. on Friday", "10 a.m. yesterday": one TIME); alone it is a
 * WHEN_TIME whose day comes from the sentence. */
static size_t m_clock(const scan *c, size_t i, when_mention *m)
{
    int h, mi;
    size_t j = clock_at(c, i, &h, &mi);
    if (!j)
        return 0;
    size_t d = j;
    if (punct(c, d, ',') || kwat(c, d) == K_ON)
        d++;
    size_t e = 0;
    int kd = kwat(c, d);
    if (kd == K_WDAY || kd == K_LAST)
        e = m_weekday(c, d, m);
    if (!e && (kd == K_YESTERDAY || kd == K_TODAY)) {
        memset(m, 0, sizeof *m);
        e = m_relative(c, d, m);
    }
    if (!e && d < c->n && (c->t[d].type == T_NUM || is_month_kw(kd))) {
        memset(m, 0, sizeof *m);
        e = c->t[d].type == T_NUM ? m_day_month(c, d, m, 0) : m_month(c, d, m, 0, 0, 1);
    }
    if (e && m->kind == WHEN_DATE && m->unit == WHEN_U_DAY) {
        m->tod = 0;
    } else {
        memset(m, 0, sizeof *m);
        m->kind = WHEN_TIME;
        m->unit = WHEN_U_DAY;
        m->first = m->last = c->report;
        m->precision = 1;
        e = j;
    }
    m->clock = 1;
    m->hour = h;
    m->minute = mi;
    set_span(c, m, i, e);
    return e;
}

/* ---- background --------------------------------------------------------- */

static void mark_background(const scan *c, when_mention *m, size_t first_tok)
{
    if (m->kind != WHEN_DATE)
        return;
    int64_t a = date_to_days(m->first), b = date_to_days(m->last);
    if (c->rvalid && b < c->rd - 180)
        m->background = 1;
    if (m->unit == WHEN_U_CENTURY)
        m->background = 1; /* a century cannot date the news event */
    /* a whole past year: "last year's attack", "in 2023" in a January 2024
     * report; such a date cannot date the news event */
    if (c->rvalid && m->unit == WHEN_U_YEAR && b - a >= 364 && b < c->rd)
        m->background = 1;
    /* "since 2022", "after 2020", "since early 2022": a governing word before a
     * year-level expression */
    int pk = prevkw(c, first_tok);
    m->since = pk == K_SINCE;
    if ((pk == K_SINCE || pk == K_AFTER) && b - a > 31)
        m->background = 1;
}

/* ---- reporting dates ---------------------------------------------------- */

/* Does the expression at tokens [i, e) date a statement rather than the event
 * reported?  See when.h. */
static int is_reporting(const scan *c, size_t i, size_t e)
{
    size_t p = i; /* first token of the span, then back over "on" or a colon */
    if (p > 0 && (kwat(c, p - 1) == K_ON || punct(c, p - 1, ':')))
        p--;
    int k = prevkw(c, p);
    if (k == K_SAY || k == K_TOLD || k == K_RNOUN)
        return 1; /* "said on Thursday", "announced Friday", "a statement on Monday" */
    /* "told AFP on Monday", "told reporters Tuesday", "told the BBC on Friday" */
    for (size_t q = p, n = 0; q > 0 && n < 4; q--, n++) {
        const tok *t = &c->t[q - 1];
        if (t->type != T_WORD)
            break;
        if (t->kw == K_TOLD)
            return 1;
        if (!(t->flags & F_CAP) && t->kw != K_THE && t->kw != K_A && t->kw != K_AUDIENCE && t->kw != K_RNOUN)
            break;
    }
    /* "on Thursday said", "Thursday told"; "a Saturday night press
     * conference", "a Friday statement", "Sunday's news conference" */
    size_t e0 = e;
    if (punct(c, e, '\'') && word_is(c, e + 1, "s") && adjacent(c, e - 1))
        e += 2;
    k = kwat(c, e);
    if (k == K_AUDIENCE && kwat(c, e + 1) == K_RNOUN)
        k = K_RNOUN;
    if (k == K_SAY || k == K_TOLD || k == K_RNOUN)
        return 1;
    e = e0;
    /* A date that opens its clause and is followed by a short subject and a
     * reporting verb: "Tuesday evening police said ...", "On Sunday, the
     * county sheriff said ...".  Not "killed 5 on Sunday, police said": the
     * date closes the clause of the killing. */
    int opens = p == 0 || c->t[p - 1].type == T_PUNCT;
    if (!opens)
        return 0;
    size_t q = e;
    if (punct(c, q, ','))
        q++;
    for (int n = 0; n < 6 && q < c->n && c->t[q].type == T_WORD; n++, q++) {
        int kq = c->t[q].kw;
        if (kq == K_SAY || kq == K_TOLD)
            return n > 0;
        if ((kq == K_CNOUN && !word_is(c, q, "police")) || kq == K_AFTERMATH || kq == K_THAT ||
            word_is(c, q, "who") || word_is(c, q, "which"))
            break;
    }
    return 0;
}

/* Does the expression at tokens [i, e) date a later step rather than the
 * incident?  See when.h: right after an arrest / court / condition word
 * ("was arrested Sunday", "arraigned on Thursday", "remained hospitalized
 * Friday", "in critical condition Monday"), after "in court" / "in hospital",
 * right before such a verb ("Sunday mourned"), and "died Saturday of / after /
 * from" (wounds received earlier).  Only next to the word: "police charged
 * the crowd on Sunday" dates the charge itself. */
static int is_aftermath(const scan *c, size_t i, size_t e)
{
    size_t p = i;
    if (p > 0 && (kwat(c, p - 1) == K_ON || kwat(c, p - 1) == K_FOR))
        p--;                            /* "scheduled for Thursday" */
    /* "investigating Tuesday's shooting": a possessive date names the date
     * of the noun it leads, not of the step before it */
    int possessive = punct(c, e, '\'') && word_is(c, e + 1, "s") && adjacent(c, e - 1);
    int k = prevkw(c, p);
    if (k == K_AFTERMATH && !possessive)
        return 1;
    /* A death told apart from its cause: "died at 4:25 a.m. Monday from a
     * gunshot wound", "died early Monday hours after he was shot", "died
     * Tuesday night at a San Antonio hospital", "was pronounced dead at
     * 12:30 p.m. Saturday", "succumbed to his injuries Sunday", "passed
     * away this morning".  The wound came first; the death dates it only as
     * an upper bound.  Not "two people died on Sunday when a bomb exploded". */
    size_t d = p;
    for (int n = 0; n < 3 && d > 0 && (kwat(c, d - 1) == K_AT || kwat(c, d - 1) == K_ON ||
                                       word_is(c, d - 1, "early") || word_is(c, d - 1, "late") ||
                                       word_is(c, d - 1, "just") || word_is(c, d - 1, "shortly") ||
                                       word_is(c, d - 1, "about") || word_is(c, d - 1, "around"));
         n++)
        d--;
    if (d >= 2 && word_is(c, d - 1, "dead") && word_is(c, d - 2, "pronounced"))
        return 1;
    if (d >= 2 && word_is(c, d - 1, "away") && word_is(c, d - 2, "passed"))
        return 1;
    if (d >= 2 && word_is(c, d - 1, "support") && word_is(c, d - 2, "life"))
        return 1;               /* "taken off life support Thursday", "on life support Monday" */
    for (size_t q = d, n = 0; q > 0 && n < 5 && c->t[q - 1].type == T_WORD; q--, n++)
        if (word_is(c, q - 1, "succumbed"))
            return 1;           /* "succumbed to his injuries on Saturday" */
    if (d >= 1 && kwat(c, d - 1) == K_CNOUN && c->t[d - 1].val == 1) { /* "died" */
        int kn = kwat(c, e);
        if (kn == K_AFTER || kn == K_OF || kn == K_FROM)
            return 1;
        /* "died Monday hours after", "died Sunday days after being shot" */
        if ((kn == K_HOURP || kn == K_UNITP) && kwat(c, e + 1) == K_AFTER)
            return 1;
        /* "died Tuesday at a hospital", "died Friday at Baylor Medical Center" */
        if (kn == K_AT || kn == K_IN)
            for (size_t q = e + 1; q < c->n && q < e + 7 && c->t[q].type == T_WORD; q++)
                if (word_is(c, q, "hospital") || word_is(c, q, "medical"))
                    return 1;
        return 0;
    }
    if (p >= 1 && word_is(c, p - 1, "custody"))
        return 1;                       /* "taken into custody Thursday" */
    /* "in court", "in the hospital", "in jail"; "in juvenile court",
     * "returned to court", "released from jail", "into the Bartow County
     * Jail": a place the case goes to after the incident */
    if (p >= 1 && (word_is(c, p - 1, "court") || word_is(c, p - 1, "hospital") || word_is(c, p - 1, "jail"))) {
        int hospital = word_is(c, p - 1, "hospital");
        for (size_t q = p - 1, n = 0; q >= 1 && n < 4 && c->t[q - 1].type == T_WORD; q--, n++) {
            int kq = kwat(c, q - 1);
            if (kq == K_IN || (!hospital && (word_is(c, q - 1, "to") || word_is(c, q - 1, "into") ||
                                             word_is(c, q - 1, "from"))))
                return 1;
        }
    }
    if (punct(c, e, '\'') && word_is(c, e + 1, "s") && adjacent(c, e - 1))
        e += 2;                         /* "Wednesday's hearing" */
    return kwat(c, e) == K_AFTERMATH && !word_is(c, e, "remains");
}

/* Does the clause look ahead to the expression at token i?  "will meet on
 * Tuesday", "will be buried Friday", "postponed until Saturday", "scheduled
 * for Monday", "due on March 3", "to run through June".  News mostly looks
 * back, so a weekday or a month without a year is read as past unless one of
 * these says otherwise. */
static int looks_ahead(const scan *c, size_t i)
{
    size_t p = i;
    int prep = 0; /* 1 on/for/by, 2 until/till/through */
    if (p > 0) {
        int k = kwat(c, p - 1);
        if (k == K_ON || k == K_FOR || k == K_BY)
            prep = 1;
        else if (k == K_UNTIL)
            prep = 2;
        if (prep)
            p--;
    }
    if (prep && p > 0) {
        size_t w = p - 1;
        if (word_is(c, w, "postponed") || word_is(c, w, "delayed") || word_is(c, w, "adjourned") ||
            word_is(c, w, "deferred") || word_is(c, w, "scheduled") || word_is(c, w, "due") ||
            word_is(c, w, "expected") || word_is(c, w, "extended") || (word_is(c, w, "set") && kwat(c, p) == K_FOR))
            return 1;
        /* "to run through June", "to remain until Friday" */
        if (prep == 2 && w > 0 && word_is(c, w - 1, "to"))
            return 1;
    }
    for (size_t q = p, n = 0; q > 0 && n < 3; q--, n++) {
        const tok *t = &c->t[q - 1];
        if (t->type != T_WORD)
            break;
        if (word_is(c, q - 1, "will") || word_is(c, q - 1, "shall"))
            return 1;
    }
    return 0;
}

/* Moves a weekday or a year-less month date read as past to the coming one
 * when the clause looks ahead (see looks_ahead). */
static void look_ahead(scan *c, when_mention *m, size_t first_tok, size_t end_tok)
{
    if (m->kind != WHEN_DATE || !c->rvalid || date_to_days(m->last) >= c->rd || !looks_ahead(c, first_tok))
        return;
    int month = 0;
    for (size_t k = first_tok; k < end_tok; k++) {
        if (year_at(c, k) || (c->t[k].kw == K_LAST))
            return;                     /* "until June 2023", "until last Friday" */
        month |= is_month_kw(c->t[k].kw);
    }
    if (m->weekday) {
        int64_t a = date_to_days(m->first), b = date_to_days(m->last);
        while (b < c->rd) {
            a += 7;
            b += 7;
        }
        m->first = days_to_date(a);
        m->last = days_to_date(b);
        m->weekday = 0;
    } else if (month) {
        int64_t month_start = c->rd - (c->report.day - 1);
        while (date_to_days(m->last) < month_start) {
            m->first.year++;
            m->last.year++;
            if (!date_valid(m->first))
                m->first.day = 28;      /* February 29 */
            if (!date_valid(m->last))
                m->last.day = 28;
        }
    }
}

static void emit(scan *c, when_mention *m, size_t first_tok, size_t end_tok)
{
    look_ahead(c, m, first_tok, end_tok);
    mark_background(c, m, first_tok);
    if (m->kind == WHEN_DATE) {
        m->reporting = is_reporting(c, first_tok, end_tok);
        m->aftermath = !m->reporting && is_aftermath(c, first_tok, end_tok);
    }
    if (c->count < c->max)
        c->out[c->count] = *m;
    c->count++;
}

/* After the scan: an editor's bracketed date glosses the relative word before
 * it ("killed yesterday [3 January]", "on Sunday (July 25)"): the relative
 * word takes the explicit date, which the editor checked.  A clock time with
 * no day of its own takes the nearest day of the sentence (the one before it,
 * else the one after), else stays on the report date. */
static void settle(scan *c)
{
    size_t n = c->count < c->max ? c->count : c->max;
    when_mention *o = c->out;
    for (size_t k = 0; k + 1 < n; k++) {
        when_mention *a = &o[k], *b = &o[k + 1];
        if (a->kind != WHEN_DATE || b->kind != WHEN_DATE || b->precision != 1 || a->unit != WHEN_U_DAY)
            continue;
        size_t x = a->end;
        while (x < b->start && (c->s[x] == ' ' || c->s[x] == '\t'))
            x++;
        if (x >= b->start || (c->s[x] != '[' && c->s[x] != '('))
            continue;
        char close = c->s[x] == '[' ? ']' : ')';
        x++;
        while (x < b->start && c->s[x] == ' ')
            x++;
        size_t y = b->end;
        while (y < c->len && (c->s[y] == ' ' || c->s[y] == ','))
            y++;
        if (x != b->start || y >= c->len || c->s[y] != close)
            continue;
        a->first = b->first;
        a->last = b->last;
        a->weekday = 0;
    }
    for (size_t k = 0; k < n; k++) {
        if (o[k].kind != WHEN_TIME)
            continue;
        const when_mention *d = NULL;
        for (size_t q = k; q-- > 0 && !d;)
            if (o[q].kind == WHEN_DATE && o[q].unit == WHEN_U_DAY)
                d = &o[q];
        for (size_t q = k + 1; q < n && !d; q++)
            if (o[q].kind == WHEN_DATE && o[q].unit == WHEN_U_DAY)
                d = &o[q];
        if (d)
            o[k].first = o[k].last = d->first;
    }
}

/* ---- which matchers can start at a token ------------------------------- */

/* Each matcher looks first at the token it starts on, and most tokens are
 * no start for most of them: a matcher not named here for a token would
 * return 0 there at once.  So the scan tries at each token only those its
 * kind can start (a number, or the word's keyword), and a plain word tries
 * none.  A new matcher, or a new first word for one, goes in here too. */
enum {
    TRY_NUMERIC = 1 << 0,   /* 2024-07-25, 25/07/2024 */
    TRY_DAY_MONTH = 1 << 1, /* 25 July */
    TRY_WEEKDAY = 1 << 2,   /* (next / last / this / early / late) Sunday */
    TRY_NTH = 1 << 3,       /* the 25th */
    TRY_QUALIFIED = 1 << 4, /* early / mid / late / the end of / next / last July */
    TRY_MONTH = 1 << 5,     /* July 25, July 2024 */
    TRY_RELATIVE = 1 << 6,  /* yesterday, last week, the past three days, three days ago */
    TRY_ANCHORED = 1 << 7,  /* the next day, days later, two days after */
    TRY_AHEAD = 1 << 8,     /* the next few months */
    TRY_DURATION = 1 << 9,  /* three days of fighting */
    TRY_CENTURY = 1 << 10,  /* the 20th century, this century */
    TRY_CLOCK = 1 << 11,    /* 8 p.m., noon */
    TRY_LENGTH = 1 << 12,   /* 90 days, almost seven years, a mere 24 hours, for years */
    TRY_SET = 1 << 13,      /* every Friday, annually, on Fridays */
    TRY_REF = 1 << 14,      /* now, at present, the past, at the time */
    TRY_SEASON = 1 << 15,   /* last summer */
    TRY_YEAR = 1 << 16      /* in 2020 */
};

#define TRY_AT_NUMBER                                                                       \
    (TRY_NUMERIC | TRY_DAY_MONTH | TRY_RELATIVE | TRY_ANCHORED | TRY_DURATION | TRY_CENTURY | \
     TRY_CLOCK | TRY_LENGTH | TRY_YEAR)

/* A count ("three", "a"; count_at) starts what a number starts in words;
 * "a few" is no exact count, so not "a few days ago" nor "a few days of". */
#define TRY_AT_COUNT (TRY_RELATIVE | TRY_ANCHORED | TRY_DURATION | TRY_LENGTH)

static const unsigned TRY_AT_KEYWORD[K_KINDS] = {
    [K_MONTH] = TRY_MONTH,
    [K_MONTHA] = TRY_MONTH,
    [K_MONTHX] = TRY_MONTH,
    [K_MONTHAX] = TRY_MONTH,
    [K_WDAY] = TRY_WEEKDAY,
    [K_NEXT] = TRY_WEEKDAY | TRY_QUALIFIED | TRY_RELATIVE | TRY_SEASON,
    [K_COMING] = TRY_WEEKDAY | TRY_QUALIFIED | TRY_RELATIVE | TRY_SEASON,
    [K_LAST] = TRY_WEEKDAY | TRY_QUALIFIED | TRY_RELATIVE | TRY_SEASON,
    [K_THIS] = TRY_WEEKDAY | TRY_RELATIVE | TRY_CENTURY | TRY_SEASON,
    [K_EARLY] = TRY_WEEKDAY | TRY_QUALIFIED | TRY_SEASON,
    [K_LATE] = TRY_WEEKDAY | TRY_QUALIFIED | TRY_SEASON,
    [K_MID] = TRY_QUALIFIED | TRY_SEASON,
    [K_END] = TRY_QUALIFIED,
    [K_START] = TRY_QUALIFIED,
    [K_MIDDLE] = TRY_QUALIFIED,
    [K_THE] = TRY_NTH | TRY_RELATIVE | TRY_ANCHORED | TRY_AHEAD | TRY_LENGTH | TRY_REF,
    [K_YESTERDAY] = TRY_RELATIVE,
    [K_TODAY] = TRY_RELATIVE,
    [K_TONIGHT] = TRY_RELATIVE,
    [K_OVERNIGHT] = TRY_RELATIVE,
    [K_RECENT] = TRY_RELATIVE,
    [K_EARLIER] = TRY_RELATIVE,
    [K_NUMW] = TRY_AT_COUNT,
    [K_A] = TRY_AT_COUNT,
    [K_FEW] = TRY_ANCHORED | TRY_LENGTH,
    [K_UNITP] = TRY_ANCHORED | TRY_LENGTH,   /* "days later"; "for years" */
    [K_HOURP] = TRY_ANCHORED | TRY_LENGTH,
    [K_MINUTEP] = TRY_LENGTH,
    [K_DECADEP] = TRY_LENGTH,
    [K_MOD] = TRY_LENGTH,                    /* "almost", "some" */
    [K_CNOUN] = TRY_LENGTH,                  /* "more than" */
    [K_LESS] = TRY_LENGTH,
    [K_CLOCKW] = TRY_CLOCK,
    [K_EVERY] = TRY_SET,
    [K_SETADV] = TRY_SET,
    [K_WDAYS] = TRY_SET,
    [K_NOW] = TRY_REF,
    [K_PRESENT] = TRY_REF,
    [K_AT] = TRY_REF,
    [K_SEASON] = TRY_SEASON,
};

/* ---- entry -------------------------------------------------------------- */

/* Cheap pre-check: no digit and no letter that starts a keyword-led pattern. */
static int worth_scanning(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= '0' && ch <= '9')
            return 1;
        if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z' && (i == 0 || !is_alpha_byte((unsigned char)s[i - 1]))) {
            switch (ch | 0x20) {
            case 'a': case 'b': case 'd': case 'e': case 'f': case 'h': case 'j': case 'l': case 'm':
            case 'n': case 'o': case 's': case 't': case 'w': case 'y':
                return 1;
            default:
                break;
            }
        }
    }
    return 0;
}

size_t when_scan(const char *s, size_t len, civil_date report, when_mention *out, size_t max)
{
    if (!s || !len || len > UINT32_MAX || !worth_scanning(s, len))
        return 0;
    pthread_once(&kw_once, kw_index);
    tok toks[TOK_CAP];
    scan c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.len = len;
    c.t = toks;
    c.report = report;
    c.rvalid = date_valid(report);
    c.rd = c.rvalid ? date_to_days(report) : 0;
    c.rwday = c.rvalid ? date_weekday(report) : 0;
    c.out = out;
    c.max = out ? max : 0;
    /* Matchers write m only when they match (see "matchers" above), so m is
     * cleared once here and again only after a match has filled it: no clear
     * per attempt, although many tokens try several matchers. */
    when_mention m;
    memset(&m, 0, sizeof m);
    size_t pos = 0;
    for (;;) {
        int more;
        c.n = tokenize(s, pos, len, toks, TOK_CAP, &more);
        size_t limit = more ? c.n - TOK_OVERLAP : c.n;
        size_t i = 0, resume = limit;
        while (i < limit) {
            size_t e = 0;
            const tok *k = &toks[i];
            /* only numbers carry no keyword and may start a pattern; a
             * plain word or a mark starts none (TRY_AT_KEYWORD[K_NONE] = 0) */
            unsigned may = k->type == T_NUM ? TRY_AT_NUMBER : TRY_AT_KEYWORD[k->kw];
            if (may) {
                /* the first matcher that matches wins: the order matters */
#define TRY(flag, call) if (!e && (may & (flag))) e = (call)
                TRY(TRY_NUMERIC, m_numeric(&c, i, &m));
                TRY(TRY_DAY_MONTH, m_day_month(&c, i, &m, 0));
                TRY(TRY_WEEKDAY, m_weekday(&c, i, &m));
                TRY(TRY_NTH, m_nth(&c, i, &m));
                TRY(TRY_QUALIFIED, m_qualified(&c, i, &m));
                TRY(TRY_MONTH, m_month(&c, i, &m, 0, 0, month_ctx_word(prevkw(&c, i))));
                TRY(TRY_RELATIVE, m_relative(&c, i, &m));
                TRY(TRY_ANCHORED, m_anchored(&c, i, &m));
                TRY(TRY_AHEAD, m_ahead(&c, i, &m));
                TRY(TRY_DURATION, m_duration(&c, i, &m));
                TRY(TRY_CENTURY, m_century(&c, i, &m));
                TRY(TRY_CLOCK, m_clock(&c, i, &m));
                TRY(TRY_LENGTH, m_length(&c, i, &m));
                TRY(TRY_SET, m_set(&c, i, &m));
                TRY(TRY_REF, m_ref(&c, i, &m));
                TRY(TRY_SEASON, m_season(&c, i, &m));
                TRY(TRY_YEAR, m_year(&c, i, &m, 0));
#undef TRY
            }
            if (e) {
                emit(&c, &m, i, e);
                memset(&m, 0, sizeof m);
                i = e;
                if (e > resume)
                    resume = e;
            } else {
                i++;
            }
        }
        if (!more)
            break;
        pos = resume < c.n ? toks[resume].b : toks[c.n - 1].e;
    }
    settle(&c);
    return c.count;
}

/* ---- values --------------------------------------------------------------- */

/* ISO 8601 week of day number d: *year (the week's year) and the week. */
static int iso_week(int64_t d, int *year)
{
    int wd = date_weekday(days_to_date(d));    /* 0 = Sunday */
    int64_t thu = d - (wd + 6) % 7 + 3;        /* Thursday of d's week */
    civil_date t = days_to_date(thu);
    *year = t.year;
    return (int)((thu - ymd(t.year, 1, 1)) / 7) + 1;
}

static const char *const TOD_CODE[] = {"", "MO", "AF", "EV", "NI"};
static const char *const SEASON_CODE[] = {"", "SP", "SU", "FA", "WI"};

/* A length: P3D, P10Y, PT48H, PT30M; a vague one PXD, PXDE, PTXH. */
static int length_value(const when_mention *m, char *out)
{
    int time = m->dunit == 'H' || m->dunit == 'N';
    char u = m->dunit == 'N' ? 'M' : m->dunit;
    const char *t = time ? "T" : "";
    if (m->count > 0 && m->count < 100000)
        return snprintf(out, WHEN_VALUE_MAX, "P%s%d%c", t, m->count, u);
    if (m->count == 0 && m->dunit == 'E')
        return snprintf(out, WHEN_VALUE_MAX, "PXDE");
    if (m->count == 0 && m->dunit == 'C')
        return snprintf(out, WHEN_VALUE_MAX, "PXCE");
    if (m->count == 0)
        return snprintf(out, WHEN_VALUE_MAX, "P%sX%c", t, u);
    return 0;
}

size_t when_value(const when_mention *m, char out[WHEN_VALUE_MAX])
{
    int n = 0, y;
    out[0] = 0;
    if (m->kind == WHEN_DURATION || (m->kind == WHEN_DATE && m->unit == WHEN_U_SPAN) ||
        (m->kind == WHEN_ANCHORED && m->dunit) || (m->kind == WHEN_DATE && m->unit == WHEN_U_PAST && m->dunit)) {
        if (m->dunit)
            n = length_value(m, out);
        return n > 0 ? (size_t)n : 0;
    }
    if (m->kind == WHEN_SET) {
        const char *base = m->unit == WHEN_U_YEAR ? "XXXX" : m->unit == WHEN_U_MONTH ? "XXXX-XX"
                         : m->unit == WHEN_U_WEEK ? "XXXX-WXX" : m->unit == WHEN_U_WEEKEND ? "XXXX-WXX-WE"
                         : "XXXX-XX-XX";
        if (m->set_wday)
            n = snprintf(out, WHEN_VALUE_MAX, "XXXX-WXX-%d", m->set_wday);
        else
            n = snprintf(out, WHEN_VALUE_MAX, "%s", base);
        if (m->tod > 0 && m->tod <= 4 && n > 0)
            n += snprintf(out + n, WHEN_VALUE_MAX - (size_t)n, "T%s", TOD_CODE[m->tod]);
        return n > 0 ? (size_t)n : 0;
    }
    if (m->kind == WHEN_REF) {
        n = snprintf(out, WHEN_VALUE_MAX, "%s", m->unit == WHEN_U_PRESENT ? "PRESENT_REF"
                                                : m->unit == WHEN_U_FUTURE ? "FUTURE_REF" : "PAST_REF");
        return (size_t)n;
    }
    if (m->kind != WHEN_DATE && m->kind != WHEN_TIME)
        return 0;
    const civil_date *f = &m->first;
    if (f->year < 0 || f->year > 9999)
        return 0;
    switch (m->unit) {
    case WHEN_U_DAY:
        n = snprintf(out, WHEN_VALUE_MAX, "%04d-%02d-%02d", f->year, f->month, f->day);
        if (m->clock)
            n += snprintf(out + n, WHEN_VALUE_MAX - (size_t)n, "T%02d:%02d", m->hour, m->minute);
        else if (m->tod > 0 && m->tod <= 4)
            n += snprintf(out + n, WHEN_VALUE_MAX - (size_t)n, "T%s", TOD_CODE[m->tod]);
        break;
    case WHEN_U_WEEK:
    case WHEN_U_WEEKEND: {
        int w = iso_week(date_to_days(*f), &y);
        n = snprintf(out, WHEN_VALUE_MAX, m->unit == WHEN_U_WEEK ? "%04d-W%02d" : "%04d-W%02d-WE", y, w);
        break;
    }
    case WHEN_U_MONTH:
        n = snprintf(out, WHEN_VALUE_MAX, "%04d-%02d", f->year, f->month);
        break;
    case WHEN_U_YEAR:
        n = snprintf(out, WHEN_VALUE_MAX, "%04d", f->year);
        break;
    case WHEN_U_SEASON:
        if (m->season >= 1 && m->season <= 4)
            n = snprintf(out, WHEN_VALUE_MAX, "%04d-%s", f->year, SEASON_CODE[m->season]);
        break;
    case WHEN_U_CENTURY:
        n = snprintf(out, WHEN_VALUE_MAX, "%02d", f->year / 100);
        break;
    case WHEN_U_PAST:
        n = snprintf(out, WHEN_VALUE_MAX, "PAST_REF");
        break;
    default:
        break;
    }
    return n > 0 ? (size_t)n : 0;
}
