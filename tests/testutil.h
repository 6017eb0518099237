/* testutil.h -- what every cmocka test file includes. */
#ifndef TALLY_TESTUTIL_H
#define TALLY_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

/* Where the built data lives; tests run from the repository root. */
#define TEST_GAZETTEER "build/gazetteer.bin"
#define TEST_DATADIR "data"

#endif
