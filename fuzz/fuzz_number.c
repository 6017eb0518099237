/* fuzz_number.c -- libFuzzer target for number_parse.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -Isrc src/number.c \
 *         fuzz/fuzz_number.c -o /tmp/fuzz_number
 *
 * Parses the input at its start and, as the extractor does, at later token
 * starts; checks that nothing is read past len (ASan) and that every result
 * is sane. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_at(const char *s, size_t len)
{
    number_t o;
    size_t used = number_parse(s, len, &o);
    if (used > len)
        abort();
    if (used == 0) {
        if (o.min != 0 || o.max != 0 || o.vague != 0 || o.words != 0)
            abort();
        return;
    }
    if (o.min < 0 || (o.max != 0 && o.max < o.min))
        abort();
    if (o.vague ? o.max != 0 : o.max != o.min)
        abort();
    if (o.words != 0 && o.words != 1)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    check_at(s, size);
    /* later token starts: after a space, as the caller would call it */
    for (size_t i = 1; i < size && i < 256; i++)
        if (s[i - 1] == ' ' || s[i - 1] == '\n')
            check_at(s + i, size - i);
    return 0;
}
